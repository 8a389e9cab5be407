namespace Chat.AgentConsole.History;

/// <summary>A conversation's status in the words an agent uses.</summary>
public static class StatusText
{
    public static readonly (string Value, string Label)[] All =
        [("queued", "Waiting"), ("open", "Open"), ("follow_up", "Left a message"), ("resolved", "Resolved")];

    public static string Label(string status) => All.FirstOrDefault(s => s.Value == status).Label ?? status;
}
