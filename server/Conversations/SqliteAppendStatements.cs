using Chat.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Chat.Server.Conversations;

/// <summary>
/// An append's two statements on SQLite (raise the sequence, insert the message), prepared once
/// on the writer's connection and run through SQLite's own API, which allocates nothing per
/// message but the strings the bump returns.
/// </summary>
internal sealed class SqliteAppendStatements : IDisposable
{
    private readonly SqliteStatement _bump;
    private readonly SqliteStatement _insert;
    private readonly (int ConversationId, int Now, int IsAgent, int AgentId, int ClientId) _bumpAt;
    private readonly (int ConversationId, int Seq, int ClientId, int Sender, int SenderId, int SenderName, int Text, int CreatedAt) _insertAt;

    public SqliteAppendStatements(SqliteConnection connection, string bumpSql, string insertSql)
    {
        _bump = new SqliteStatement(connection, bumpSql);
        try
        {
            _insert = new SqliteStatement(connection, insertSql);
        }
        catch
        {
            _bump.Dispose();
            throw;
        }

        _bumpAt = (_bump.Parameter("@conversationId"), _bump.Parameter("@now"), _bump.Parameter("@isAgent"), _bump.Parameter("@agentId"), _bump.Parameter("@clientId"));
        _insertAt = (_insert.Parameter("@conversationId"), _insert.Parameter("@seq"), _insert.Parameter("@clientId"), _insert.Parameter("@sender"),
            _insert.Parameter("@senderId"), _insert.Parameter("@senderName"), _insert.Parameter("@text"), _insert.Parameter("@createdAt"));
    }

    /// <summary>Raises the conversation's sequence for this message, or returns null when the rules or a stored client id said no.</summary>
    public Bumped? Bump(PendingMessage pending, long now)
    {
        _bump.Bind(_bumpAt.ConversationId, pending.ConversationId);
        _bump.Bind(_bumpAt.Now, now);
        _bump.Bind(_bumpAt.IsAgent, pending.Author.Kind == SenderKinds.Agent ? 1 : 0);
        _bump.Bind(_bumpAt.AgentId, pending.AssignedAgentId);
        _bump.Bind(_bumpAt.ClientId, pending.ClientId);
        try
        {
            return _bump.Step()
                ? new Bumped(_bump.Int64(0), _bump.Text(1), _bump.Text(2)!, _bump.Int64(3), _bump.NullableInt64(4))
                : null;
        }
        finally
        {
            _bump.Reset();
        }
    }

    public void Insert(PendingMessage pending, long seq, long now)
    {
        _insert.Bind(_insertAt.ConversationId, pending.ConversationId);
        _insert.Bind(_insertAt.Seq, seq);
        _insert.Bind(_insertAt.ClientId, pending.ClientId);
        _insert.Bind(_insertAt.Sender, pending.Author.Kind);
        _insert.Bind(_insertAt.SenderId, pending.Author.Id);
        _insert.Bind(_insertAt.SenderName, pending.Author.Name);
        _insert.Bind(_insertAt.Text, pending.Text);
        _insert.Bind(_insertAt.CreatedAt, now);
        try
        {
            _insert.Step();
        }
        finally
        {
            _insert.Reset();
        }
    }

    public void Dispose()
    {
        _bump.Dispose();
        _insert.Dispose();
    }
}
