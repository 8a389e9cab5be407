namespace Chat.Server.Agents;

public static class AgentRoles
{
    public const string Admin = "admin";
    public const string Agent = "agent";
}

public sealed record Agent(string Id, string Email, string Name, string Role, long Capacity, string? AvatarUrl = null);
