using Chat.AgentConsole;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Agents.Sessions;

/// <summary>
/// Who an agent-hub connection signed in as, and the session stamp its cookie carried, read
/// from the claims once when it connects. The cookie cannot change under an open connection,
/// and reading a claim walks all of them, which every call would otherwise pay for.
/// </summary>
internal sealed record AgentHubIdentity(string? AgentId, string? Stamp)
{
    private static readonly object Key = new();

    public static AgentHubIdentity Of(HubCallerContext connection)
    {
        if (connection.Items.TryGetValue(Key, out var known) && known is AgentHubIdentity identity)
        {
            return identity;
        }

        var user = connection.User;
        identity = new AgentHubIdentity(user is null ? null : ConsoleAuth.AgentId(user), user?.FindFirst(AgentSessions.StampClaim)?.Value);
        connection.Items[Key] = identity;
        return identity;
    }
}
