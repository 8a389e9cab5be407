using Chat.AgentConsole;
using Chat.AgentConsole.Port;
using Chat.Server.Agents.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Agents;

/// <summary>
/// The agents' hub for programs that are not the Blazor console: integrations and the load
/// generator. Signed in with the console's cookie; every method goes through the console's
/// port, so tenancy is checked in the same place as for the console. Refusals are
/// <see cref="HubException"/>s whose message starts with a stable code (see docs/protocol.md).
/// </summary>
[Authorize(AuthenticationSchemes = ConsoleAuth.Scheme)]
public sealed class AgentHub(IConsolePort port, AgentConnections connections) : Hub
{
    public override Task OnConnectedAsync()
    {
        connections.Attach(Context.ConnectionId, AgentId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception) => connections.DetachAsync(Context.ConnectionId);

    /// <summary>Stores a reply and returns it once committed; a retry with the same clientId returns the first result.</summary>
    public async Task<AgentMessageView> Send(AgentSendRequest request) =>
        AgentMessageView.From(await port.SendAsync(AgentId, request.ConversationId ?? "", request.ClientId ?? "", request.Text ?? "", Context.ConnectionAborted));

    /// <summary>The visitor sees that someone is typing; the draft itself never leaves the server.</summary>
    public Task Typing(AgentTypingRequest request) =>
        port.SetTypingAsync(AgentId, request.ConversationId ?? "", request.IsTyping, Context.ConnectionAborted);

    public Task Resolve(AgentConversationRequest request) =>
        port.ResolveAsync(AgentId, request.ConversationId ?? "", Context.ConnectionAborted);

    /// <summary>Online hands the agent waiting visitors up to their capacity; away and offline stop new chats.</summary>
    public Task SetPresence(PresenceRequest request) =>
        port.SetPresenceAsync(AgentId, ParsePresence(request.Presence), Context.ConnectionAborted);

    /// <summary>The agent's open chats: what a client asks for after a reconnect, since events sent meanwhile were lost.</summary>
    public Task<IReadOnlyList<ChatSummary>> GetMyChats() => port.GetMyChatsAsync(AgentId, Context.ConnectionAborted);

    /// <summary>Everything after <c>afterSeq</c> in one of the agent's chats: the resync after a reconnect or a gap.</summary>
    public async Task<IReadOnlyList<AgentMessageView>> GetMessages(AgentMessagesRequest request) =>
        [.. (await port.GetMessagesAsync(AgentId, request.ConversationId ?? "", request.AfterSeq, Context.ConnectionAborted)).Select(AgentMessageView.From)];

    // The hub is authorized, so a connection without an agent id cannot get here; checked anyway.
    private string AgentId => AgentHubIdentity.Of(Context).AgentId ?? throw new HubException("not_signed_in: Sign in first.");

    private static Presence ParsePresence(string? presence) => presence switch
    {
        "online" => Presence.Online,
        "away" => Presence.Away,
        "offline" => Presence.Offline,
        _ => throw new HubException("presence_invalid: Presence is one of online, away or offline."),
    };
}
