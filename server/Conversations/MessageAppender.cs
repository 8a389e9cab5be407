using System.Data;
using System.Data.Common;
using Chat.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Server.Conversations;

/// <summary>
/// The message writer's own connection and the statements of an append (raise the sequence
/// unless the client id is stored, insert the message), kept from batch to batch. Reusing the
/// prepared commands keeps SQLite from parsing the same SQL for every message, which cost more
/// than running it; plain ADO.NET keeps the per-message work to binding values. A retry or a
/// refusal costs a read more, and only then. After any failure the writer drops it and opens a
/// new one, so a broken connection is never reused.
/// </summary>
internal sealed class MessageAppender : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbCommand _findRetry;
    private readonly DbCommand _bump;
    private readonly DbCommand _insert;
    private DbTransaction? _transaction;
    private DbCommand? _begin;
    private DbCommand? _commit;
    private bool _inSqliteTransaction;

    // SQLite runs every call synchronously; its async methods only wrap the answer in a new task.
    private readonly bool _synchronous;

    private MessageAppender(DbConnection connection, SqlDialect dialect)
    {
        _connection = connection;
        _synchronous = connection is SqliteConnection;
        _findRetry = Command(
            """
            SELECT conversation_id, seq, client_id, sender, sender_id, sender_name, text, created_at
            FROM messages WHERE conversation_id = @conversationId AND client_id = @clientId;
            """,
            "@conversationId", "@clientId");
        _bump = Command(dialect.BumpSequence, "@conversationId", "@now", "@isAgent", "@agentId", "@clientId");
        _insert = Command(
            """
            INSERT INTO messages (conversation_id, seq, client_id, sender, sender_id, sender_name, text, created_at)
            VALUES (@conversationId, @seq, @clientId, @sender, @senderId, @senderName, @text, @createdAt);
            """,
            "@conversationId", "@seq", "@clientId", "@sender", "@senderId", "@senderName", "@text", "@createdAt");
    }

    public static async Task<MessageAppender> OpenAsync(Database database, CancellationToken ct) =>
        new(await database.OpenAsync(ct), database.Dialect);

    /// <summary>
    /// Starts the transaction of one batch; every append until <see cref="CommitAsync"/> belongs
    /// to it. A failure in between leaves it open: the writer then drops this appender, and closing
    /// the connection rolls it back.
    /// </summary>
    public async Task BeginAsync(CancellationToken ct)
    {
        if (_synchronous)
        {
            // Prepared once like the appends: SQLite's own transaction object makes two commands a batch.
            _begin ??= Command("BEGIN IMMEDIATE;");
            _begin.ExecuteNonQuery();
            _inSqliteTransaction = true;
            return;
        }

        _transaction = await _connection.BeginTransactionAsync(ct);
        _findRetry.Transaction = _bump.Transaction = _insert.Transaction = _transaction;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_synchronous)
        {
            _commit ??= Command("COMMIT;");
            _commit.ExecuteNonQuery();
            _inSqliteTransaction = false;
            return;
        }

        await _transaction!.CommitAsync(ct);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    /// <summary>
    /// Writes one message inside the batch's transaction. A client id already stored (or written
    /// earlier in this batch) by the same author returns the stored message and writes nothing;
    /// by someone else it is refused, so nobody reads another's message by guessing its id. A
    /// missing or resolved conversation, or an agent's reply to a chat that is no longer theirs,
    /// is refused without writing either.
    /// </summary>
    public async Task<Appended> AppendAsync(PendingMessage pending, long now, CancellationToken ct)
    {
        var (conversationId, author, clientId, text) = (pending.ConversationId, pending.Author, pending.ClientId, pending.Text);
        var isAgent = author.Kind == SenderKinds.Agent;
        Bind(_bump.Parameters[0], conversationId);
        Bind(_bump.Parameters[1], now);
        Bind(_bump.Parameters[2], isAgent ? 1 : 0);
        Bind(_bump.Parameters[3], pending.AssignedAgentId);
        Bind(_bump.Parameters[4], clientId);
        Bumped? bumped;
        await using (var reader = await ReadAsync(_bump, ct))
        {
            bumped = await reader.ReadAsync(ct)
                ? new Bumped(reader.GetInt64(0), Text(reader, 1), reader.GetString(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4))
                : null;
        }

        if (bumped is null)
        {
            // Off the common path: a retry, or a refusal. Only now is it worth a read to say which.
            return await FindRetryAsync(conversationId, clientId, ct) is { } existing
                ? existing.SenderId == author.Id
                    ? new Appended(existing, Duplicate: true, AgentId: null, CustomerId: null, FirstReply: false, ConversationCreatedAt: 0)
                    : throw MessageRules.NotYours()
                : throw await WhyRefusedAsync(conversationId, pending.AssignedAgentId, ct);
        }

        var message = new MessageRow(conversationId, bumped.Seq, clientId, author.Kind, author.Id, author.Name, text, now);
        var values = _insert.Parameters;
        Bind(values[0], conversationId);
        Bind(values[1], bumped.Seq);
        Bind(values[2], clientId);
        Bind(values[3], author.Kind);
        Bind(values[4], author.Id);
        Bind(values[5], author.Name);
        Bind(values[6], text);
        Bind(values[7], now);
        if (_synchronous)
        {
            _insert.ExecuteNonQuery();
        }
        else
        {
            await _insert.ExecuteNonQueryAsync(ct);
        }

        // The bump set first_response_at to now only if this was the chat's first reply (two in the same millisecond both count).
        var firstReply = isAgent && bumped.FirstResponseAt == now;
        return new Appended(message, Duplicate: false, bumped.AgentId, bumped.CustomerId, firstReply, bumped.CreatedAt);
    }

    public async ValueTask DisposeAsync()
    {
        if (_inSqliteTransaction)
        {
            RollBackSqlite();
        }

        await _findRetry.DisposeAsync();
        await _bump.DisposeAsync();
        await _insert.DisposeAsync();
        if (_begin is not null)
        {
            await _begin.DisposeAsync();
        }

        if (_commit is not null)
        {
            await _commit.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private async Task<MessageRow?> FindRetryAsync(string conversationId, string clientId, CancellationToken ct)
    {
        Bind(_findRetry.Parameters[0], conversationId);
        Bind(_findRetry.Parameters[1], clientId);
        await using var reader = await ReadAsync(_findRetry, ct);
        return await reader.ReadAsync(ct)
            ? new MessageRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), Text(reader, 4),
                reader.GetString(5), reader.GetString(6), reader.GetInt64(7))
            : null;
    }

    /// <summary>The rare path: nothing was bumped, so read the conversation to say why.</summary>
    private async Task<ChatRuleException> WhyRefusedAsync(string conversationId, string? assignedAgentId, CancellationToken ct)
    {
        var conversation = await ConversationStore.FindAsync(_connection, _transaction, conversationId, ct);
        return conversation is null || (assignedAgentId is not null && conversation.AgentId != assignedAgentId)
            ? MessageRules.NotYours()
            : new ChatRuleException("conversation_closed", "This conversation has been resolved; start a new one to write again.");
    }

    private DbCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// The pool knows nothing of a transaction begun in SQL: it must not take the connection back
    /// inside one, holding the write lock. Roll back, or if even that fails, keep it out of the pool.
    /// </summary>
    private void RollBackSqlite()
    {
        try
        {
            using var rollback = Command("ROLLBACK;");
            rollback.ExecuteNonQuery();
        }
        catch (Exception)
        {
            SqliteConnection.ClearPool((SqliteConnection)_connection);
        }
    }

    private async ValueTask<DbDataReader> ReadAsync(DbCommand command, CancellationToken ct) =>
        _synchronous ? command.ExecuteReader() : await command.ExecuteReaderAsync(ct);

    // Typed even when null, so PostgreSQL can tell what "@agentId IS NULL" compares.
    private static void Bind(DbParameter parameter, string? value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = value ?? (object)DBNull.Value;
    }

    private static void Bind(DbParameter parameter, long value)
    {
        parameter.DbType = DbType.Int64;
        parameter.Value = value;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed record Bumped(long Seq, string? AgentId, string CustomerId, long CreatedAt, long? FirstResponseAt);
}
