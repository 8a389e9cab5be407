using Chat.Server.Conversations;
using Chat.Server.Customers;
using Chat.Server.Limits;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Visitors;

/// <summary>
/// The widget's hub. Every method returns only after its change is committed. Refusals are
/// <see cref="HubException"/>s whose message starts with a stable code (see docs/protocol.md).
/// </summary>
public sealed class VisitorHub(
    ConversationService conversations,
    ConversationStore store,
    CustomerStore customers,
    ConversationViews views,
    RateLimits limits,
    VisitorConnections connections,
    VisitorPages pages) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var customerId = Context.User!.FindFirst(VisitorGate.CustomerClaim)!.Value;
        // Calls are handled only after this returns, so nothing the visitor starts can answer before they listen.
        await connections.AttachAsync(Context.ConnectionId, customerId);
        await customers.TouchAsync(customerId, Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Detach(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Who the visitor is and their latest conversation with its whole history.</summary>
    public async Task<VisitorState> Resume()
    {
        var customer = await CustomerAsync();
        var latest = await store.LatestForCustomerAsync(customer.Id, Context.ConnectionAborted);
        var messages = latest is null
            ? []
            : await conversations.MessagesAfterAsync(latest, 0, Context.ConnectionAborted);
        return new VisitorState(
            new CustomerView(customer.Id, customer.Name, customer.Email),
            latest is null ? null : await ViewAsync(latest),
            [.. messages.Select(MessageView.From)]);
    }

    /// <summary>The open conversation, or a new one routed to an agent at once. New ones count against the per-IP limit.</summary>
    public async Task<ConversationView> StartConversation()
    {
        var customer = await CustomerAsync();
        var latest = await store.LatestForCustomerAsync(customer.Id, Context.ConnectionAborted);
        if (latest is null || latest.Status == ConversationStatus.Resolved)
        {
            await limits.NewConversationAsync(Context.GetHttpContext()?.Connection.RemoteIpAddress, Context.ConnectionAborted);
        }

        var conversation = Session.Remember(await conversations.StartAsync(customer, latest, Context.ConnectionAborted));
        return await ViewAsync(conversation);
    }

    /// <summary>Stores a message; a retry with the same clientId returns the first result.</summary>
    public async Task<MessageView> Send(SendRequest request)
    {
        var customer = await CustomerAsync();
        var conversation = await KnownConversationAsync(customer, request.ConversationId);
        await limits.MessageAsync(customer.Id, Context.ConnectionAborted);
        var message = await conversations.PostAsync(conversation, new Author(SenderKinds.Visitor, customer.Id, customer.Name),
            request.ClientId, request.Text, Context.ConnectionAborted);
        return MessageView.From(message);
    }

    /// <summary>A conversation's current state: what the client asks for after a reconnect, since events sent meanwhile were lost.</summary>
    public async Task<ConversationView> GetConversation(ConversationRequest request) =>
        await ViewAsync(await conversations.GetForCustomerAsync(await CustomerAsync(), request.ConversationId, Context.ConnectionAborted));

    /// <summary>Everything after <c>afterSeq</c>: the resync after a reconnect or a gap.</summary>
    public async Task<IReadOnlyList<MessageView>> GetMessages(GetMessagesRequest request)
    {
        var conversation = await conversations.GetForCustomerAsync(await CustomerAsync(), request.ConversationId, Context.ConnectionAborted);
        var messages = await conversations.MessagesAfterAsync(conversation, request.AfterSeq, Context.ConnectionAborted);
        return [.. messages.Select(MessageView.From)];
    }

    /// <summary>The live preview for the agent; empty text means the visitor stopped typing.</summary>
    public async Task Typing(TypingRequest request)
    {
        var customer = await CustomerAsync();
        var conversation = await KnownConversationAsync(customer, request.ConversationId);
        await conversations.TypingAsync(conversation, new Author(SenderKinds.Visitor, customer.Id, customer.Name), request.Text, Context.ConnectionAborted);
    }

    /// <summary>Rates a resolved conversation 1 to 5, with an optional comment.</summary>
    public async Task<ConversationView> Rate(RateRequest request)
    {
        var conversation = await conversations.GetForCustomerAsync(await CustomerAsync(), request.ConversationId, Context.ConnectionAborted);
        return await ViewAsync(await conversations.RateAsync(conversation, request.Rating, request.Comment, Context.ConnectionAborted));
    }

    /// <summary>
    /// The page the visitor is on, for the agent's customer panel. The browser is read from the
    /// connection's User-Agent. Refused with <c>page_url_invalid</c> (not an http(s) address),
    /// <c>page_url_too_long</c>, <c>page_title_too_long</c> or <c>time_zone_invalid</c>.
    /// </summary>
    public async Task ReportPage(ReportPageRequest request)
    {
        var userAgent = Context.GetHttpContext()?.Request.Headers.UserAgent.ToString();
        await pages.ReportAsync(await CustomerAsync(), request?.Url, request?.Title, request?.TimeZone, userAgent, Context.ConnectionAborted);
    }

    private Task<ConversationView> ViewAsync(ConversationRow conversation) =>
        views.ForVisitorAsync(conversation, null, Context.ConnectionAborted);

    private VisitorSession Session => connections.Session(Context.ConnectionId, Context.User!);

    private ValueTask<Customer> CustomerAsync() => Session.CustomerAsync(customers, Context.ConnectionAborted);

    /// <summary>
    /// The visitor's conversation as this connection last knew it, read once. Good for whose it is
    /// and where typing goes; what needs the current state (status, rating) reads it again.
    /// </summary>
    private async ValueTask<ConversationRow> KnownConversationAsync(Customer customer, string? conversationId) =>
        Session.Conversation(conversationId)
        ?? Session.Remember(await conversations.GetForCustomerAsync(customer, conversationId, Context.ConnectionAborted));
}
