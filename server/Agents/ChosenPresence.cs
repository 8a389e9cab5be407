using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Agents;

/// <summary>
/// The presence an agent chose last, kept in the database: the console asks for it when it opens
/// (a reload, another device, the first console after a restart) instead of assuming online, so
/// an agent who set Away gets no new chats until they say so.
/// </summary>
public sealed class ChosenPresence(Database database)
{
    private const string Online = "online";
    private const string Away = "away";

    /// <summary>True when the agent last chose online (the default for a new agent); false for away.</summary>
    public async Task<bool> IsOnlineAsync(string agentId, CancellationToken ct) =>
        await database.RunAsync((c, token) => c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT presence FROM agents WHERE id = @agentId;", new { agentId }, cancellationToken: token)), ct) != Away;

    public Task SaveAsync(string agentId, bool online, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET presence = @presence WHERE id = @agentId;",
            new { agentId, presence = online ? Online : Away }, cancellationToken: token)), ct);
}
