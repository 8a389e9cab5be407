using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Conversations;

/// <summary>
/// Agent-only notes. They live in their own table, apart from messages: no visitor query
/// reads it, and notes never take one of the conversation's visitor-visible sequence numbers.
/// </summary>
public sealed class NoteStore(Database database)
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
            CreatedAt = Clock.NowMs(),
        };
        await using var connection = await database.OpenAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notes (id, conversation_id, client_id, kind, author_id, author_name, target_name, text, created_at)
            VALUES (@Id, @ConversationId, @ClientId, @Kind, @AuthorId, @AuthorName, @TargetName, @Text, @CreatedAt)
            ON CONFLICT (conversation_id, client_id) DO NOTHING;
            """,
            note, cancellationToken: ct));
        if (inserted == 1)
        {
            return (note, false);
        }

        var existing = await connection.QuerySingleAsync<NoteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM notes WHERE conversation_id = @conversationId AND client_id = @clientId;",
            new { conversationId, clientId }, cancellationToken: ct));
        return (existing, true);
    }

    /// <summary>The notes of these conversations, oldest first.</summary>
    public async Task<IReadOnlyList<NoteRow>> ForConversationsAsync(IReadOnlyCollection<string> conversationIds, CancellationToken ct)
    {
        if (conversationIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<NoteRow>(new CommandDefinition(
            $"SELECT {Columns} FROM notes WHERE conversation_id IN @conversationIds ORDER BY created_at, id;",
            new { conversationIds }, cancellationToken: ct))).AsList();
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
