using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.CustomerData;

/// <summary>
/// Everything stored about one customer, as a person asking for their data would get it: a JSON
/// file (profile, attributes, tags, and every conversation with its messages, notes, rating,
/// tags and next actions) and the same conversations as a transcript to read.
/// </summary>
public sealed class CustomerExporter(Database database, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable in any editor: accents and umlauts as they are. The file is a download, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<CustomerExport?> ExportAsync(string customerId, CancellationToken ct)
    {
        var data = await database.RunAsync(async (c, token) =>
        {
            var args = new { customerId };
            var customer = await c.QuerySingleOrDefaultAsync<ProfileRow>(new CommandDefinition(
                """
                SELECT id, site_id AS SiteId, name, email, external_id AS ExternalId, first_seen AS FirstSeen, last_seen AS LastSeen, visits,
                       page_url AS PageUrl, page_title AS PageTitle, time_zone AS TimeZone, user_agent AS UserAgent, page_reported_at AS PageReportedAt
                FROM customers WHERE id = @customerId;
                """, args, cancellationToken: token));
            if (customer is null)
            {
                return null;
            }

            const string Theirs = "conversation_id IN (SELECT id FROM conversations WHERE customer_id = @customerId)";
            return new Data(
                customer,
                (await c.QueryAsync<string>(new CommandDefinition("SELECT tag FROM customer_tags WHERE customer_id = @customerId ORDER BY tag;", args, cancellationToken: token))).AsList(),
                (await c.QueryAsync<ConversationRow>(new CommandDefinition(
                    """
                    SELECT c.id, c.status, c.created_at AS CreatedAt, c.resolved_at AS ResolvedAt, c.rating, c.rating_comment AS RatingComment, a.name AS AgentName
                    FROM conversations c LEFT JOIN agents a ON a.id = c.agent_id
                    WHERE c.customer_id = @customerId ORDER BY c.created_at, c.id;
                    """, args, cancellationToken: token))).AsList(),
                (await c.QueryAsync<MessageRow>(new CommandDefinition(
                    $"SELECT conversation_id AS ConversationId, seq, sender, sender_name AS SenderName, text, created_at AS CreatedAt FROM messages WHERE {Theirs} ORDER BY conversation_id, seq;",
                    args, cancellationToken: token))).AsList(),
                (await c.QueryAsync<NoteRow>(new CommandDefinition(
                    $"SELECT conversation_id AS ConversationId, kind, author_name AS AuthorName, target_name AS TargetName, text, created_at AS CreatedAt FROM notes WHERE {Theirs} ORDER BY created_at, id;",
                    args, cancellationToken: token))).AsList(),
                (await c.QueryAsync<ActionRow>(new CommandDefinition(
                    $"SELECT conversation_id AS ConversationId, kind, what, owner_name AS OwnerName, due_at AS DueAt, done_at AS DoneAt, outcome FROM next_actions WHERE {Theirs} ORDER BY due_at, id;",
                    args, cancellationToken: token))).AsList(),
                (await c.QueryAsync<(string ConversationId, string Tag)>(new CommandDefinition(
                    $"SELECT conversation_id, tag FROM conversation_tags WHERE {Theirs} ORDER BY tag;", args, cancellationToken: token))).AsList(),
                (await c.QueryAsync<(string Name, string Value)>(new CommandDefinition(
                    "SELECT name, value FROM customer_attributes WHERE customer_id = @customerId ORDER BY name;", args, cancellationToken: token))).AsList());
        }, ct);

        return data is null ? null : Build(data, time.GetUtcNow());
    }

    private static CustomerExport Build(Data data, DateTimeOffset now)
    {
        var messages = data.Messages.ToLookup(m => m.ConversationId);
        var notes = data.Notes.ToLookup(n => n.ConversationId);
        var actions = data.Actions.ToLookup(a => a.ConversationId);
        var tags = data.ConversationTags.ToLookup(t => t.ConversationId, t => t.Tag);
        var p = data.Profile;
        var export = new
        {
            exportedAt = now,
            profile = new { p.Id, p.Name, p.Email, p.ExternalId, firstSeen = At(p.FirstSeen), lastSeen = At(p.LastSeen), p.Visits },
            attributes = new { lastPage = p.PageUrl is null ? null : new { url = p.PageUrl, title = p.PageTitle, reportedAt = At(p.PageReportedAt) }, p.TimeZone, browser = p.UserAgent },
            tags = data.Tags,
            // What the shop set through identify() or the API (plan, orders …), as stored.
            customAttributes = data.CustomAttributes.ToDictionary(a => a.Name, a => a.Value),
            conversations = data.Conversations.Select(c => new
            {
                c.Id,
                c.Status,
                createdAt = At(c.CreatedAt),
                resolvedAt = At(c.ResolvedAt),
                agent = c.AgentName,
                rating = c.Rating,
                ratingComment = c.RatingComment,
                tags = tags[c.Id].ToList(),
                messages = messages[c.Id].Select(m => new { m.Seq, from = m.Sender, name = m.SenderName, m.Text, at = At(m.CreatedAt) }),
                notes = notes[c.Id].Select(n => new { n.Kind, author = n.AuthorName, to = n.TargetName, n.Text, at = At(n.CreatedAt) }),
                nextActions = actions[c.Id].Select(a => new { a.Kind, a.What, owner = a.OwnerName, dueAt = At(a.DueAt), doneAt = At(a.DoneAt), a.Outcome }),
            }),
        };

        var stamp = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new CustomerExport($"customer-{p.Id}-{stamp}", JsonSerializer.Serialize(export, Json), Transcript(data, messages, now));
    }

    private static string Transcript(Data data, ILookup<string, MessageRow> messages, DateTimeOffset now)
    {
        var text = new StringBuilder();
        var p = data.Profile;
        text.Append(CultureInfo.InvariantCulture, $"Conversations of {p.Name}{(p.Email is null ? "" : $" <{p.Email}>")}, exported {Time(now)} (UTC)\n");
        foreach (var c in data.Conversations)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n== {Time(Clock.FromMs(c.CreatedAt))} · {c.Status}{(c.AgentName is null ? "" : $" · {c.AgentName}")} ==\n");
            foreach (var m in messages[c.Id])
            {
                text.Append(CultureInfo.InvariantCulture, $"[{Time(Clock.FromMs(m.CreatedAt))}] {m.SenderName}: {m.Text}\n");
            }

            if (c.Rating is { } rating)
            {
                text.Append(CultureInfo.InvariantCulture, $"Rated {rating} of 5{(string.IsNullOrEmpty(c.RatingComment) ? "" : $": {c.RatingComment}")}\n");
            }
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset? At(long? ms) => ms is { } value ? Clock.FromMs(value) : null;

    private sealed record Data(
        ProfileRow Profile, List<string> Tags, List<ConversationRow> Conversations, List<MessageRow> Messages, List<NoteRow> Notes, List<ActionRow> Actions,
        List<(string ConversationId, string Tag)> ConversationTags, List<(string Name, string Value)> CustomAttributes);

    private sealed record ProfileRow(
        string Id, string SiteId, string Name, string? Email, string? ExternalId, long FirstSeen, long LastSeen, long Visits,
        string? PageUrl, string? PageTitle, string? TimeZone, string? UserAgent, long? PageReportedAt);

    private sealed record ConversationRow(string Id, string Status, long CreatedAt, long? ResolvedAt, long? Rating, string? RatingComment, string? AgentName);

    private sealed record MessageRow(string ConversationId, long Seq, string Sender, string SenderName, string Text, long CreatedAt);

    private sealed record NoteRow(string ConversationId, string Kind, string AuthorName, string? TargetName, string Text, long CreatedAt);

    private sealed record ActionRow(string ConversationId, string Kind, string What, string OwnerName, long DueAt, long? DoneAt, string? Outcome);
}
