namespace Chat.Server.Events;

/// <summary>
/// Channel names, built in one place. A node listens only to the channels of the visitors
/// and agents connected to it.
/// </summary>
public static class Channels
{
    public static string Visitor(string customerId) => $"chat:visitor:{customerId}";

    public static string Agent(string agentId) => $"chat:agent:{agentId}";

    public static string Site(string siteId) => $"chat:site:{siteId}";
}
