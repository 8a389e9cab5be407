using System.Text.Json;
using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.NextActions;

namespace Chat.Server.Api;

/// <summary>Rows as the API shows them: times as ISO 8601, nothing internal.</summary>
internal static class ApiMapping
{
    public static ApiConversation ToApi(this ConversationRow c, IReadOnlyList<string>? tags = null) => new(
        c.Id, c.Status, c.CustomerId, c.AgentId, c.AgentName, Clock.FromMs(c.CreatedAt),
        c.AssignedAt is { } assigned ? Clock.FromMs(assigned) : null,
        c.ResolvedAt is { } resolved ? Clock.FromMs(resolved) : null,
        (int?)c.Rating, c.RatingComment, c.LastSeq, tags);

    public static ApiMessage ToApi(this MessageRow m) =>
        new(m.ConversationId, m.Seq, m.ClientId, m.Sender, m.SenderId, m.SenderName, m.Text, Clock.FromMs(m.CreatedAt));

    public static ApiCustomer ToApi(this Customer c, IReadOnlyDictionary<string, JsonElement> attributes) =>
        new(c.Id, c.Name, c.Email, Clock.FromMs(c.FirstSeen), Clock.FromMs(c.LastSeen), c.Visits, attributes);

    public static ApiNextAction ToApi(this NextActionRow a) =>
        new(a.Id, a.ConversationId, a.Kind, a.What, a.OwnerId, a.OwnerName, Clock.FromMs(a.DueAt), a.DoneAt is { } done ? Clock.FromMs(done) : null, a.Outcome);
}
