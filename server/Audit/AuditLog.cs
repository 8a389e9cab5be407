using Chat.Server.Agents;

namespace Chat.Server.Audit;

/// <summary>Who acted: an agent as named at the time, or the server itself.</summary>
public sealed record AuditActor(string? Id, string Name)
{
    public static readonly AuditActor Server = new(null, "Server");

    public static readonly AuditActor Visitor = new(null, "The visitor");

    public static AuditActor Of(Agent agent) => new(agent.Id, agent.Name);
}

/// <summary>
/// The one call any feature makes to put something in the audit log:
/// <c>await audit.RecordAsync(actor, AuditActions.X, siteIds, "agent", agentId, "what changed", ct)</c>.
/// The entry belongs to the given sites (their admins read it); with none it belongs to the server.
/// Entries are only ever inserted: nothing in the product updates or deletes them.
/// </summary>
public sealed class AuditLog(AuditStore store, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>Longest detail kept; details are a few words, never a message or a secret.</summary>
    public const int MaxDetailLength = 500;

    private long _sequence;

    public Task RecordAsync(AuditActor actor, string action, IReadOnlyCollection<string> siteIds, string? targetType, string? targetId, string detail, CancellationToken ct)
    {
        var at = time.NowMs();
        return store.InsertAsync(new AuditRow(
            // Entries of one millisecond keep the order this node wrote them in (the log reads by time, then id).
            $"{at:x12}{Interlocked.Increment(ref _sequence) & 0xffffffff:x8}{Ids.New()[..8]}",
            at,
            actor.Id,
            Short(actor.Name),
            action,
            targetType,
            targetId,
            Short(detail),
            // Inside a request (sign-in, sign-out, the HTTP API); a console circuit has none.
            http.HttpContext?.Connection.RemoteIpAddress?.ToString()),
            siteIds, ct);
    }

    private static string Short(string? text) => text is null ? "" : text.Length <= MaxDetailLength ? text : text[..MaxDetailLength];
}
