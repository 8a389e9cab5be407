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
}
