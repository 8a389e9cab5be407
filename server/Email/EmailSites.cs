using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Email;

/// <summary>A site's email settings: the name its emails come from and how long a missed reply waits.</summary>
public sealed record EmailSite(string Id, string Name, string? EmailFromName, long MissedReplyMinutes)
{
    public string FromName => string.IsNullOrWhiteSpace(EmailFromName) ? Name : EmailFromName;
}

public sealed class EmailSites(Database database)
{
    public Task<EmailSite?> FindAsync(string siteId, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<EmailSite>(new CommandDefinition(
            "SELECT id, name, email_from_name AS EmailFromName, missed_reply_minutes AS MissedReplyMinutes FROM sites WHERE id = @siteId;",
            new { siteId }, cancellationToken: token)), ct);

    public async Task<IReadOnlyList<EmailSite>> FindManyAsync(IReadOnlyCollection<string> siteIds, CancellationToken ct)
    {
        var ids = siteIds.ToArray();
        return ids.Length == 0 ? [] : (await database.RunAsync((c, token) => c.QueryAsync<EmailSite>(new CommandDefinition(
            $"SELECT id, name, email_from_name AS EmailFromName, missed_reply_minutes AS MissedReplyMinutes FROM sites WHERE {database.Dialect.InList("id", "@ids")} ORDER BY name;",
            new { ids }, cancellationToken: token)), ct)).AsList();
    }

    public Task SaveAsync(string siteId, string? fromName, int missedReplyMinutes, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE sites SET email_from_name = @fromName, missed_reply_minutes = @missedReplyMinutes WHERE id = @siteId;",
            new { siteId, fromName, missedReplyMinutes }, cancellationToken: token)), ct);
}

/// <summary>What a site's email settings may be.</summary>
public static class EmailSiteRules
{
    public const int MaxFromNameLength = 100;

    /// <summary>Trimmed, or null for "the site's name"; no line breaks, which a mail header could not hold.</summary>
    public static string? ValidateFromName(string? fromName)
    {
        var name = DirectionOverrides.Strip(fromName ?? "").Trim();
        if (name.Length > MaxFromNameLength || name.Any(char.IsControl))
        {
            throw new ChatRuleException("from_name_invalid", $"The sender name can be at most {MaxFromNameLength} characters on one line.");
        }

        return name.Length == 0 ? null : name;
    }

    public static int ValidateMissedReplyMinutes(int minutes) =>
        minutes is >= 1 and <= 1440
            ? minutes
            : throw new ChatRuleException("missed_reply_minutes_invalid", "A missed reply waits between 1 minute and 24 hours before it goes by email.");
}
