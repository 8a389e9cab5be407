using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>
/// Agent-only notes. They live in their own table, apart from messages: no visitor query
/// reads it, and notes never take one of the conversation's visitor-visible sequence numbers.
/// </summary>
public sealed class NoteStore(Database database, TimeProvider time)
{
    private const string Columns =
        "id, conversation_id AS ConversationId, client_id AS ClientId, kind, author_id AS AuthorId, author_name AS AuthorName, " +
        "target_name AS TargetName, text, created_at AS CreatedAt";

    /// <summary>Stores a note; a retry with a client id already stored returns the first note and writes nothing.</summary>
    public async Task<(NoteRow Note, bool Duplicate)> AddAsync(
        string conversationId, string clientId, string kind, Author author, string? targetName, string text, CancellationToken ct)
    {
        var note = new NoteRow
        {
            Id = Ids.New(),
            ConversationId = conversationId,
            ClientId = clientId,
            Kind = kind,
            AuthorId = author.Id,
            AuthorName = author.Name,
            TargetName = targetName,
            Text = text,
            CreatedAt = time.NowMs(),
        };
        int inserted;
        try
        {
            inserted = await database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO notes (id, conversation_id, client_id, kind, author_id, author_name, target_name, text, created_at)
                SELECT @Id, @ConversationId, @ClientId, @Kind, @AuthorId, @AuthorName, @TargetName, @Text, @CreatedAt
                WHERE NOT EXISTS (SELECT 1 FROM notes WHERE conversation_id = @ConversationId AND client_id = @ClientId);
                """,
                note, cancellationToken: token)), ct);
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            // A retry of the same note raced this one and won.
            inserted = 0;
        }

        if (inserted == 1)
        {
            return (note, false);
        }

        var existing = await database.RunAsync((c, token) => c.QuerySingleAsync<NoteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM notes WHERE conversation_id = @conversationId AND client_id = @clientId;",
            new { conversationId, clientId }, cancellationToken: token)), ct);
        return (existing, true);
    }

    /// <summary>The notes of these conversations, oldest first.</summary>
    public async Task<IReadOnlyList<NoteRow>> ForConversationsAsync(IReadOnlyCollection<string> conversationIds, CancellationToken ct)
    {
        if (conversationIds.Count == 0)
        {
            return [];
        }

        var ids = conversationIds.ToArray();
        return await database.RunAsync<IReadOnlyList<NoteRow>>(async (c, token) => (await c.QueryAsync<NoteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM notes WHERE {database.Dialect.InList("conversation_id", "@ids")} ORDER BY created_at, id;",
            new { ids }, cancellationToken: token))).AsList(), ct);
    }
}

public static class NoteKinds
{
    public const string Note = "note";
    public const string Transfer = "transfer";
}

/// <summary>A class, not a positional record, because target_name is often NULL in every row.</summary>
public sealed class NoteRow
{
    public string Id { get; init; } = "";

    public string ConversationId { get; init; } = "";

    public string ClientId { get; init; } = "";

    public string Kind { get; init; } = NoteKinds.Note;

    public string AuthorId { get; init; } = "";

    public string AuthorName { get; init; } = "";

    public string? TargetName { get; init; }

    public string Text { get; init; } = "";

    public long CreatedAt { get; init; }
}
