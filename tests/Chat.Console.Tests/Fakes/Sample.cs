namespace Chat.AgentConsole.Tests.Fakes;

/// <summary>Small builders for port records, so tests state only what matters to them.</summary>
public static class Sample
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static ChatSummary Summary(
        string id,
        string customer,
        string? preview = "Hello",
        DateTimeOffset? lastAt = null,
        DateTimeOffset? waitingSince = null,
        long lastSeq = 1) =>
        new(id, customer, preview, lastAt ?? Now.AddMinutes(-10), waitingSince, lastSeq);

    public static ChatMessage Visitor(string conversationId, long seq, string text, string name = "Carol Customer") =>
        new(conversationId, $"v-{conversationId}-{seq}", seq, SenderKind.Visitor, name, text, Now.AddMinutes(-5 + seq));

    public static ChatMessage Agent(string conversationId, long seq, string text, string name = "Alice Agent") =>
        new(conversationId, $"a-{conversationId}-{seq}", seq, SenderKind.Agent, name, text, Now.AddMinutes(-5 + seq));

    public static CustomerInfo Customer(string name = "Carol Customer") =>
        new("cust-1", name, "carol@example.test", Now.AddDays(-30), Now, 3);

    public static ChatDetail Detail(
        string id,
        string customer = "Carol Customer",
        IReadOnlyList<ChatMessage>? messages = null,
        string status = "open",
        IReadOnlyList<PastConversation>? past = null) =>
        new(id, status, Customer(customer), messages ?? [], past ?? [], null, null);
}
