using Chat.AgentConsole.Port;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Chat.AgentConsole.Chats;

/// <summary>
/// The agent's workspace. Holds the circuit's view of the agent's chats and applies live
/// events to it; the server stays the source of truth and is asked again whenever the
/// events might have missed something.
/// </summary>
public partial class ConsolePage
{
    private static readonly TimeSpan ClockTick = TimeSpan.FromSeconds(30);

    [Inject]
    private IConsolePort Port { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private readonly CancellationTokenSource lifetime = new();
    private readonly HashSet<string> typing = new(StringComparer.Ordinal);
    private List<ChatListItem> chats = [];
    private IReadOnlyList<QueuedChat> queue = [];
    private TimeProvider clock = TimeProvider.System;
    private DateTimeOffset now;
    private ITimer? ticker;
    private IDisposable? subscription;

    private string agentId = "";
    private AgentProfile? agent;
    private Presence presence = Presence.Online;
    private string? selectedId;
    private ChatDetail? detail;
    private string? takingId;
    private string? queueError;
    private string? loadError;
    private string? notice;

    private int TotalUnread => chats.Sum(c => c.Unread);

    private CancellationToken Ct => lifetime.Token;

    protected override async Task OnInitializedAsync()
    {
        clock = Services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        now = clock.GetUtcNow();

        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        var id = user is null ? null : ConsoleAuth.AgentId(user);
        if (id is null)
        {
            loadError = "You are not signed in.";
            return;
        }

        agentId = id;
        agent = await Port.GetAgentAsync(agentId, Ct);
        if (agent is null)
        {
            loadError = "Your agent account is not available. Sign out and sign in again.";
            return;
        }

        await ReloadChatsAsync();
        await ReloadQueueAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only here, never while prerendering: a subscription made during the prerender
        // would outlive its page.
        if (!firstRender || agent is null)
        {
            return;
        }

        subscription = Port.Subscribe(agentId, evt => InvokeAsync(() => ApplySafelyAsync(evt)));
        ticker = clock.CreateTimer(state => _ = InvokeAsync(Tick), null, ClockTick, ClockTick);
        await RunSafelyAsync(async () =>
        {
            await Port.SetPresenceAsync(agentId, Presence.Online, Ct);

            // Events published between the first load and the subscription were missed; ask again.
            await ReloadChatsAsync();
            await ReloadQueueAsync();
        });
        StateHasChanged();
    }

    private void Tick()
    {
        now = clock.GetUtcNow();
        StateHasChanged();
    }

    private async Task ApplySafelyAsync(ConsoleEvent evt)
    {
        await RunSafelyAsync(() => ApplyAsync(evt));
        StateHasChanged();
    }

    // An exception escaping a handler ends the whole circuit, and with it every open chat.
    // Refusals carry a message for the agent; anything else gets a generic notice.
    private async Task RunSafelyAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (ConsoleActionException ex)
        {
            notice = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            notice = "Some updates could not be loaded. Reload the page if something looks out of date.";
        }
    }

    internal async Task ApplyAsync(ConsoleEvent evt)
    {
        switch (evt)
        {
            case MessagePosted posted:
                await ApplyMessageAsync(posted.Message);
                break;
            case VisitorTyping t when t.IsTyping:
                typing.Add(t.ConversationId);
                break;
            case VisitorTyping t:
                typing.Remove(t.ConversationId);
                break;
            case ChatAssigned assigned:
                await ApplyAssignedAsync(assigned.Chat);
                break;
            case ChatClosed closed:
                UpdateItem(closed.ConversationId, i => i with { Resolved = ChatStatus.IsResolved(closed.Status) });
                typing.Remove(closed.ConversationId);
                if (detail?.ConversationId == closed.ConversationId)
                {
                    detail = detail with { Status = closed.Status };
                }

                break;
            case ChatRated rated:
                UpdateItem(rated.ConversationId, i => i with { Rating = rated.Rating });
                if (detail?.ConversationId == rated.ConversationId)
                {
                    detail = detail with { Rating = rated.Rating, RatingComment = rated.Comment };
                }

                break;
            case QueueChanged:
                await ReloadQueueAsync();
                break;
        }
    }

    private async Task ApplyMessageAsync(ChatMessage message)
    {
        var id = message.ConversationId;
        var isSelected = id == selectedId;

        UpdateItem(id, item =>
        {
            var isNew = message.Seq > item.Summary.LastSeq;
            var unread = isNew && !isSelected && message.Sender == SenderKind.Visitor ? item.Unread + 1 : item.Unread;
            return item with { Summary = ChatSummaryUpdate.WithMessage(item.Summary, message), Unread = unread };
        });

        if (message.Sender == SenderKind.Visitor)
        {
            typing.Remove(id);
        }

        if (isSelected && detail?.ConversationId == id)
        {
            if (TranscriptMerge.HasGap(detail.Messages, message))
            {
                await OpenAsync(id);
            }
            else
            {
                detail = detail with { Messages = TranscriptMerge.Add(detail.Messages, message) };
            }
        }
    }

    private async Task ApplyAssignedAsync(ChatSummary chat)
    {
        var index = chats.FindIndex(c => c.ConversationId == chat.ConversationId);
        if (index < 0)
        {
            chats.Add(new ChatListItem(chat));
        }
        else
        {
            // Reassigned back to us after a close: it is open again.
            chats[index] = chats[index] with { Summary = chat, Resolved = false };
        }

        if (selectedId is null)
        {
            await SelectCoreAsync(chat.ConversationId);
        }
    }

    private Task SelectAsync(string conversationId) => RunSafelyAsync(() => SelectCoreAsync(conversationId));

    private async Task SelectCoreAsync(string conversationId)
    {
        selectedId = conversationId;
        UpdateItem(conversationId, i => i with { Unread = 0 });
        if (detail?.ConversationId != conversationId)
        {
            detail = null;
        }

        await OpenAsync(conversationId);
    }

    private async Task OpenAsync(string conversationId)
    {
        var opened = await Port.OpenChatAsync(agentId, conversationId, Ct);

        // The agent may have clicked another chat while this one loaded.
        if (selectedId == conversationId)
        {
            detail = opened;
            notice = null;
        }
    }

    private async Task TakeAsync(string conversationId)
    {
        takingId = conversationId;
        queueError = null;
        try
        {
            await Port.TakeAsync(agentId, conversationId, Ct);
            await ReloadChatsAsync();
            await SelectCoreAsync(conversationId);
        }
        catch (ConsoleActionException ex)
        {
            // Usually another agent was quicker; the queue reload below shows the truth.
            queueError = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            queueError = "The chat could not be taken. Try again.";
        }
        finally
        {
            takingId = null;
        }

        await RunSafelyAsync(ReloadQueueAsync);
    }

    private async Task OnSentAsync(ChatMessage message) => await ApplyMessageAsync(message);

    private void OnResolved(string conversationId)
    {
        UpdateItem(conversationId, i => i with { Resolved = true, Unread = 0 });
        typing.Remove(conversationId);
        if (detail?.ConversationId == conversationId)
        {
            detail = detail with { Status = ChatStatus.Resolved };
        }
    }

    private Task SetPresenceAsync(Presence value) => RunSafelyAsync(async () =>
    {
        await Port.SetPresenceAsync(agentId, value, Ct);
        presence = value;
    });

    private async Task ReloadChatsAsync()
    {
        var fresh = await Port.GetMyChatsAsync(agentId, Ct);
        var known = chats.ToDictionary(c => c.ConversationId, StringComparer.Ordinal);

        // Keep what only this console knows (unread counts); keep chats resolved in this
        // session in view even though the server no longer lists them as open.
        var merged = fresh
            .Select(s => known.TryGetValue(s.ConversationId, out var old) ? old with { Summary = s, Resolved = false } : new ChatListItem(s))
            .ToList();
        merged.AddRange(chats.Where(c => c.Resolved && !merged.Any(m => m.ConversationId == c.ConversationId)));
        chats = merged;
    }

    private async Task ReloadQueueAsync() => queue = await Port.GetQueueAsync(agentId, Ct);

    private void UpdateItem(string conversationId, Func<ChatListItem, ChatListItem> change)
    {
        var index = chats.FindIndex(c => c.ConversationId == conversationId);
        if (index >= 0)
        {
            chats[index] = change(chats[index]);
        }
    }

    public void Dispose()
    {
        subscription?.Dispose();
        ticker?.Dispose();
        lifetime.Cancel();
        lifetime.Dispose();
    }
}
