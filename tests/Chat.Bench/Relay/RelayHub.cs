using Microsoft.AspNetCore.SignalR;

namespace Chat.Bench.Relay;

/// <summary>
/// The baseline: a hub that only forwards a message to a group, with no validation, storage
/// or routing. What the chat server costs beyond this is what our own code costs.
/// </summary>
public sealed class RelayHub : Hub
{
    public Task Join(RelayJoin request) => Groups.AddToGroupAsync(Context.ConnectionId, request.Group, Context.ConnectionAborted);

    /// <summary>
    /// Forwards to the whole group, sender included, as the chat server sends every message
    /// to the visitor's and the agent's connections; answers once it is handed over.
    /// </summary>
    public async Task<RelayMessage> Send(RelayMessage message)
    {
        await Clients.Group(message.Group).SendAsync("message", message, Context.ConnectionAborted);
        return message;
    }
}

public sealed record RelayJoin(string Group);

public sealed record RelayMessage(string Group, string Sender, string ClientId, string Text);
