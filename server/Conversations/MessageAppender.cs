using System.Data;
using System.Data.Common;
using Chat.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Server.Conversations;

/// <summary>
/// The message writer's own connection and the statements of an append (raise the sequence
/// unless the client id is stored, insert the message), kept from batch to batch. Reusing the
/// prepared commands keeps SQLite from parsing the same SQL for every message, which cost more
/// than running it; on SQLite the two run through its own API (<see cref="SqliteAppendStatements"/>),
/// elsewhere plain ADO.NET keeps the per-message work to binding values. A retry or a refusal
/// costs a read more, and only then. After any failure the writer drops it and opens a new one,
/// so a broken connection is never reused.
/// </summary>
internal sealed class MessageAppender : IAsyncDisposable
{
    private const string InsertSql =
        """
        INSERT INTO messages (conversation_id, seq, client_id, sender, sender_id, sender_name, text, created_at)
        VALUES (@conversationId, @seq, @clientId, @sender, @senderId, @senderName, @text, @createdAt);
        """;

    private readonly DbConnection _connection;
    private readonly DbCommand _findRetry;
    private readonly DbCommand _bump;
    private readonly DbCommand _insert;
    // On SQLite the bump and the insert run here, not through the two commands above.
    private readonly SqliteAppendStatements? _sqlite;
    private DbTransaction? _transaction;
    private DbCommand? _begin;
    private DbCommand? _commit;
    private bool _inSqliteTransaction;

    // SQLite runs every call synchronously; its async methods only wrap the answer in a new task.
    private readonly bool _synchronous;

    // One statement for a whole append, where the database has one and can send many at once.
    private readonly string? _appendInOne;

    private MessageAppender(DbConnection connection, SqlDialect dialect)
    {
        _connection = connection;
        _synchronous = connection is SqliteConnection;
        _appendInOne = connection.CanCreateBatch ? dialect.AppendInOne : null;
        _findRetry = Command(
            """
            SELECT conversation_id, seq, client_id, sender, sender_id, sender_name, text, created_at
            FROM messages WHERE conversation_id = @conversationId AND client_id = @clientId;
            """,
            "@conversationId", "@clientId");
        _bump = Command(dialect.BumpSequence, "@conversationId", "@now", "@isAgent", "@agentId", "@clientId");
        _insert = Command(InsertSql, "@conversationId", "@seq", "@clientId", "@sender", "@senderId", "@senderName", "@text", "@createdAt");
        _sqlite = connection is SqliteConnection sqlite ? new SqliteAppendStatements(sqlite, dialect.BumpSequence, InsertSql) : null;
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
    /// Writes every message of a batch inside its transaction, each with its own outcome: a
    /// refusal (a resolved or unknown conversation, someone else's client id) fails only its
    /// sender. Where the database can take one statement per message and several statements a
    /// round trip (PostgreSQL), the whole batch goes at once; otherwise one message after another.
    /// </summary>
    public async Task<Outcome[]> AppendAllAsync(IReadOnlyList<PendingMessage> batch, long now, CancellationToken ct)
    {
        var outcomes = new Outcome[batch.Count];
        var bumped = _appendInOne is not null ? await AppendPipelinedAsync(batch, now, ct) : null;
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                outcomes[i] = new Outcome(bumped is null ? await AppendAsync(batch[i], now, ct) : await AppendedAsync(batch[i], bumped[i], now, ct), null);
            }
            catch (ChatRuleException e)
            {
                outcomes[i] = new Outcome(null, e);
            }
        }

        return outcomes;
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
        if (_sqlite is not null)
        {
            var raised = _sqlite.Bump(pending, now);
            if (raised is { } sequence)
            {
                _sqlite.Insert(pending, sequence.Seq, now);
            }

            return await AppendedAsync(pending, raised, now, ct);
        }

        Bind(_bump.Parameters[0], pending.ConversationId);
        Bind(_bump.Parameters[1], now);
        Bind(_bump.Parameters[2], pending.Author.Kind == SenderKinds.Agent ? 1 : 0);
        Bind(_bump.Parameters[3], pending.AssignedAgentId);
        Bind(_bump.Parameters[4], pending.ClientId);
        Bumped? bumped;
        await using (var reader = await ReadAsync(_bump, ct))
        {
            bumped = await reader.ReadAsync(ct) ? ReadBumped(reader) : null;
        }

        if (bumped is { } raisedTo)
        {
            await InsertAsync(pending, raisedTo.Seq, now, ct);
        }

        return await AppendedAsync(pending, bumped, now, ct);
    }

    /// <summary>What an append came to, once its sequence was raised (and the message inserted) or not.</summary>
    private async Task<Appended> AppendedAsync(PendingMessage pending, Bumped? bumped, long now, CancellationToken ct)
    {
        var (conversationId, author, clientId) = (pending.ConversationId, pending.Author, pending.ClientId);
        if (bumped is not { } raised)
        {
            // Off the common path: a retry, or a refusal. Only now is it worth a read to say which.
            return await FindRetryAsync(conversationId, clientId, ct) is { } existing
                ? existing.SenderId == author.Id
                    ? new Appended(existing, Duplicate: true, AgentId: null, CustomerId: null, FirstReply: false, ConversationCreatedAt: 0)
                    : throw MessageRules.NotYours()
                : throw await WhyRefusedAsync(conversationId, pending.AssignedAgentId, ct);
        }

        var message = new MessageRow(conversationId, raised.Seq, clientId, author.Kind, author.Id, author.Name, pending.Text, now);
        // The bump set first_response_at to now only if this was the chat's first reply (two in the same millisecond both count).
        var firstReply = author.Kind == SenderKinds.Agent && raised.FirstResponseAt == now;
        return new Appended(message, Duplicate: false, raised.AgentId, raised.CustomerId, firstReply, raised.CreatedAt);
    }

    private async Task InsertAsync(PendingMessage pending, long seq, long now, CancellationToken ct)
    {
        var values = _insert.Parameters;
        Bind(values[0], pending.ConversationId);
        Bind(values[1], seq);
        Bind(values[2], pending.ClientId);
        Bind(values[3], pending.Author.Kind);
        Bind(values[4], pending.Author.Id);
        Bind(values[5], pending.Author.Name);
        Bind(values[6], pending.Text);
        Bind(values[7], now);
        await _insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: one statement per message raises the sequence and inserts (see
    /// <see cref="SqlDialect.AppendInOne"/>), and all of them travel in one round trip. A message
    /// whose statement returned no row is a retry or a refusal, sorted out afterwards.
    /// </summary>
    private async Task<Bumped?[]> AppendPipelinedAsync(IReadOnlyList<PendingMessage> batch, long now, CancellationToken ct)
    {
        await using var round = _connection.CreateBatch();
        round.Transaction = _transaction;
        foreach (var pending in batch)
        {
            var command = round.CreateBatchCommand();
            command.CommandText = _appendInOne!;
            Add(command, "@conversationId", pending.ConversationId);
            Add(command, "@now", now);
            Add(command, "@isAgent", pending.Author.Kind == SenderKinds.Agent ? 1 : 0);
            Add(command, "@agentId", pending.AssignedAgentId);
            Add(command, "@clientId", pending.ClientId);
            Add(command, "@sender", pending.Author.Kind);
            Add(command, "@senderId", pending.Author.Id);
            Add(command, "@senderName", pending.Author.Name);
            Add(command, "@text", pending.Text);
            round.BatchCommands.Add(command);
        }

        var bumped = new Bumped?[batch.Count];
        await using var reader = await round.ExecuteReaderAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            bumped[i] = await reader.ReadAsync(ct) ? ReadBumped(reader) : null;
            await reader.NextResultAsync(ct);
        }

        return bumped;

        void Add(DbBatchCommand command, string name, object? value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            if (value is long number)
            {
                Bind(parameter, number);
            }
            else if (value is int flag)
            {
                Bind(parameter, flag);
            }
            else
            {
                Bind(parameter, (string?)value);
            }

            command.Parameters.Add(parameter);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_inSqliteTransaction)
        {
            RollBackSqlite();
        }

        _sqlite?.Dispose();
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

    private static Bumped ReadBumped(DbDataReader reader) =>
        new(reader.GetInt64(0), Text(reader, 1), reader.GetString(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4));

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>What raising a conversation's sequence for a message returns.</summary>
internal readonly record struct Bumped(long Seq, string? AgentId, string CustomerId, long CreatedAt, long? FirstResponseAt);

/// <summary>One message's end in a batch: appended (or found as a retry), or refused by the rules.</summary>
internal readonly record struct Outcome(Appended? Appended, ChatRuleException? Error);
