using Chat.AgentConsole.Coach;
using Chat.AgentConsole.NextActions;
using Chat.AgentConsole.Port;
using Chat.AgentConsole.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace Chat.AgentConsole.Chats;

/// <summary>
/// The agent's workspace. Holds the circuit's view of the agent's chats and applies live
/// events to it; the server stays the source of truth and is asked again whenever the
/// events might have missed something.
/// </summary>
public partial class ConsolePage
{
    // Often enough that a wait turns amber close to its threshold.
    private static readonly TimeSpan ClockTick = TimeSpan.FromSeconds(15);

    [Inject]
    private IConsolePort Port { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>A chat to open straight away, from a link such as /console/chats/{id}.</summary>
    [Parameter]
    public string? ChatId { get; set; }

    private readonly CancellationTokenSource lifetime = new();

    // What each visitor is typing and has not sent, by conversation.
    private readonly Dictionary<string, string> typing = new(StringComparer.Ordinal);
    private readonly Drafts drafts = new();
    private List<ChatListItem> chats = [];
    private IReadOnlyList<QueuedChat> queue = [];
    private IReadOnlyList<NextAction> due = [];
    private IReadOnlyList<MentionItem> mentions = [];
    private readonly CoachMemory coachMemory = new();

    // Raised when the reply coach offers a next action; the panel opens its form when it changes.
    private int nextActionRequests;
    private IReadOnlyList<CannedReply> canned = [];
    private TimeProvider clock = TimeProvider.System;
    private DateTimeOffset now;
    private ITimer? ticker;
    private IDisposable? subscription;
    private ConsoleScript script = default!;
    private DotNetObjectReference<ConsolePage>? self;
    private ChatPane? pane;

    private string agentId = "";
    private AgentProfile? agent;
    private Presence presence = Presence.Online;
    private string? selectedId;
    private ChatDetail? detail;
    private string? takingId;
    private string? queueError;
    private string? loadError;
    private string? notice;
    private bool helpOpen;
    private string? notificationPermission;

    // While the tab is hidden the agent reads nothing, so even the open chat gathers unread messages.
    private bool visible = true;

    // True once this tab is subscribed and the agent is online; until then the controls wait.
    private bool live;
    private string? shownTitle;

    private int TotalUnread => chats.Sum(c => c.Unread);

    private string Title => TotalUnread > 0 ? $"({TotalUnread}) Chat console" : "Chat console";

    private CancellationToken Ct => lifetime.Token;

    protected override async Task OnInitializedAsync()
    {
        clock = Services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        now = clock.GetUtcNow();
        script = new ConsoleScript(JS);

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
        await ReloadDueAsync();
        await ReloadMentionsAsync();
        if (!string.IsNullOrEmpty(ChatId))
        {
            await SelectAsync(ChatId);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The head is rendered statically, so <PageTitle> cannot follow live changes; set it here.
        if (live && shownTitle != Title)
        {
            shownTitle = Title;
            await script.SetTitleAsync(Title, Ct);
        }

        // Only here, never while prerendering: a subscription made during the prerender
        // would outlive its page.
        if (!firstRender || agent is null)
        {
            return;
        }

        subscription = Port.Subscribe(agentId, evt => InvokeAsync(() => ApplySafelyAsync(evt)));
        ticker = clock.CreateTimer(state => _ = InvokeAsync(Tick), null, ClockTick, ClockTick);
        self = DotNetObjectReference.Create(this);
        visible = await script.AttachAsync(self, Ct);
        notificationPermission = await script.NotificationPermissionAsync(Ct);
        await RunSafelyAsync(async () =>
        {
            presence = await Port.ResumePresenceAsync(agentId, Ct);

            // Events published between the first load and the subscription were missed; ask again.
            await ReloadEverythingShownAsync();
        });
        live = true;
        StateHasChanged();
    }

    /// <summary>The lists and the open chat, read again after events may have been missed.</summary>
    private async Task ReloadEverythingShownAsync()
    {
        await ReloadChatsAsync();
        await ReloadQueueAsync();
        await ReloadDueAsync();
        await ReloadMentionsAsync();
        if (selectedId is not null)
        {
            await SelectCoreAsync(selectedId);
        }
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
                await ApplyMessageAsync(posted.Message, fromEvent: true);
                break;
            case VisitorTyping t when t.IsTyping:
                typing[t.ConversationId] = t.Preview;
                break;
            case VisitorTyping t:
                typing.Remove(t.ConversationId);
                break;
            case ChatAssigned assigned:
                await ApplyAssignedAsync(assigned);
                break;
            case ChatTransferred transferred:
                OnTransferred((transferred.ConversationId, transferred.ToAgentName));
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
            case NoteAdded added:
                OnNoted(added.Note);
                break;
            case MentionedInNote mentioned:
                OnNoted(mentioned.Note);
                mentions = [mentioned.Mention, .. mentions];
                notice = $"{mentioned.Mention.AuthorName} mentioned you in a note on {mentioned.Mention.CustomerName}'s chat.";
                _ = script.NotifyAsync($"{mentioned.Mention.AuthorName} mentioned you", ChatSummaryUpdate.Preview(mentioned.Note.Text), mentioned.Mention.ConversationId, Ct);
                break;
            case CustomerPageChanged page when detail?.Customer.Id == page.CustomerId:
                detail = detail with { Customer = detail.Customer with { Page = page.Page } };
                break;
            case QueueChanged:
                await ReloadQueueAsync();
                break;
            case NextActionsChanged changed:
                await ReloadDueAsync();
                if (detail?.ConversationId == changed.ConversationId)
                {
                    await OpenAsync(changed.ConversationId);
                }

                break;
            case NextActionReminder reminder:
                await ReloadDueAsync();
                notice = NextActionNotice.Describe(reminder, now);
                _ = script.NotifyAsync(reminder.Overdue ? "Promise overdue" : "Promise due soon", notice, reminder.Action.ConversationId, Ct);
                break;
            case ResyncNeeded:
                // This tab fell behind and missed events: read everything it shows again.
                await ReloadEverythingShownAsync();
                break;
        }
    }

    private async Task ApplyMessageAsync(ChatMessage message, bool fromEvent)
    {
        var id = message.ConversationId;
        var seen = id == selectedId && visible;
        var isNew = false;

        // A message can overtake the event that brings its chat (the widget sends as soon as
        // it hears the chat is open): ask the server, which already has both.
        var arrivedFirst = fromEvent && !chats.Any(c => c.ConversationId == id);
        if (arrivedFirst)
        {
            await ReloadChatsAsync();
        }

        UpdateItem(id, item =>
        {
            isNew = message.Seq > item.Summary.LastSeq;
            var unread = isNew && !seen && message.Sender == SenderKind.Visitor ? item.Unread + 1 : item.Unread;
            return item with { Summary = ChatSummaryUpdate.WithMessage(item.Summary, message), Unread = unread };
        });

        if (message.Sender == SenderKind.Visitor)
        {
            typing.Remove(id);
            // Reloaded, the list already counts it as unread; it is news all the same.
            if (fromEvent && (isNew || (arrivedFirst && chats.Any(c => c.ConversationId == id))))
            {
                var customer = chats.Find(c => c.ConversationId == id)?.Summary.CustomerName ?? "A visitor";
                // Not awaited: while the circuit reconnects, a call to the browser waits until it is
                // back, and the chat must not wait with it. The call swallows its own failures.
                _ = script.NotifyAsync(customer, ChatSummaryUpdate.Preview(message.Text), id, Ct);
            }
        }

        if (id == selectedId && detail?.ConversationId == id)
        {
            if (TranscriptMerge.HasGap(detail.Messages, message))
            {
                await OpenAsync(id);
            }
            else
            {
                detail = detail with { Messages = TranscriptMerge.Add(detail.Messages, message) };
            }

            if (seen && message.Sender == SenderKind.Visitor)
            {
                await Port.MarkReadAsync(agentId, id, message.Seq, Ct);
            }
        }
    }

    private async Task ApplyAssignedAsync(ChatAssigned assigned)
    {
        var chat = assigned.Chat;
        var index = chats.FindIndex(c => c.ConversationId == chat.ConversationId);
        if (index < 0)
        {
            chats.Add(new ChatListItem(chat, chat.Unread));
            _ = script.NotifyAsync(assigned.Handover is null ? "New chat" : "Chat transferred to you", chat.CustomerName, chat.ConversationId, Ct);
        }
        else
        {
            // Reopened, or reassigned back to us after a close: it is open again. Events may
            // come late, so a summary older than what the list shows does not replace it.
            var newer = chat.LastSeq >= chats[index].Summary.LastSeq ? chat : chats[index].Summary;
            chats[index] = chats[index] with { Summary = newer, Resolved = false };
        }

        if (selectedId is null)
        {
            await SelectCoreAsync(chat.ConversationId);
        }
        else if (selectedId == chat.ConversationId)
        {
            await OpenAsync(chat.ConversationId);
        }

        // After opening, which clears older notices: this one is news.
        if (assigned.Handover is { } handover)
        {
            notice = string.IsNullOrWhiteSpace(handover.Note)
                ? $"{handover.FromAgentName} transferred {chat.CustomerName} to you."
                : $"{handover.FromAgentName} transferred {chat.CustomerName} to you: “{handover.Note}”";
        }
    }

    private Task SelectAsync(string conversationId) => RunSafelyAsync(async () =>
    {
        try
        {
            await SelectCoreAsync(conversationId);
        }
        catch (Exception) when (selectedId == conversationId && detail is null)
        {
            // Nothing to show (someone else's chat, or gone): do not leave "Opening…" up.
            selectedId = null;
            throw;
        }
    });

    private async Task SelectCoreAsync(string conversationId)
    {
        selectedId = conversationId;
        if (visible)
        {
            UpdateItem(conversationId, i => i with { Unread = 0 });
        }

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
        if (selectedId != conversationId)
        {
            return;
        }

        detail = opened;
        notice = null;
        await LoadCannedRepliesAsync(opened.SiteId);
        await MarkSelectedReadAsync();
    }

    private async Task LoadCannedRepliesAsync(string siteId)
    {
        try
        {
            canned = string.IsNullOrEmpty(siteId) ? [] : await Port.GetCannedRepliesAsync(agentId, siteId, Ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Replies can still be typed by hand; no need to interrupt the agent.
            canned = [];
        }
    }

    /// <summary>Only the chat's own agent keeps a read mark, and only while they can see it.</summary>
    private async Task MarkSelectedReadAsync()
    {
        if (!visible || detail is null || detail.Messages.Count == 0 || !chats.Any(c => c.ConversationId == detail.ConversationId && !c.Resolved))
        {
            return;
        }

        UpdateItem(detail.ConversationId, i => i with { Unread = 0 });
        await Port.MarkReadAsync(agentId, detail.ConversationId, detail.Messages.Max(m => m.Seq), Ct);
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

    private async Task OnSentAsync(ChatMessage message) => await ApplyMessageAsync(message, fromEvent: false);

    private void OnNoted(ChatNote note)
    {
        if (detail?.ConversationId == note.ConversationId)
        {
            detail = detail with { Notes = Timeline.AddNote(detail.Notes, note) };
        }
    }

    private void OnResolved(string conversationId)
    {
        UpdateItem(conversationId, i => i with { Resolved = true, Unread = 0 });
        typing.Remove(conversationId);
        if (detail?.ConversationId == conversationId)
        {
            detail = detail with { Status = ChatStatus.Resolved };
        }
    }

    private async Task OnReopenedAsync(string conversationId)
    {
        UpdateItem(conversationId, i => i with { Resolved = false });
        if (selectedId == conversationId)
        {
            await RunSafelyAsync(() => OpenAsync(conversationId));
        }
    }

    /// <summary>The chat went to a colleague, from this tab or another: it leaves the list.</summary>
    private void OnTransferred((string ConversationId, string ToAgentName) transfer)
    {
        var item = chats.Find(c => c.ConversationId == transfer.ConversationId);
        if (item is null)
        {
            return;
        }

        chats.Remove(item);
        typing.Remove(transfer.ConversationId);
        drafts.Set(transfer.ConversationId, ComposerMode.Reply, "");
        drafts.Set(transfer.ConversationId, ComposerMode.Note, "");
        if (selectedId == transfer.ConversationId)
        {
            (selectedId, detail) = (null, null);
        }

        notice = $"{item.Summary.CustomerName} is now with {transfer.ToAgentName}.";
    }

    private Task SetPresenceAsync(Presence value) => RunSafelyAsync(async () =>
    {
        await Port.SetPresenceAsync(agentId, value, Ct);
        presence = value;
    });

    private async Task EnableNotificationsAsync() =>
        notificationPermission = await script.RequestNotificationPermissionAsync(Ct);

    private async Task CloseHelpAsync()
    {
        helpOpen = false;
        await script.FocusAsync("[data-testid=composer]", Ct);
    }

    /// <summary>A shortcut pressed anywhere on the page (see <see cref="Shortcuts"/>).</summary>
    [JSInvokable]
    public Task OnShortcutAsync(string action) => InvokeAsync(async () =>
    {
        await RunSafelyAsync(() => ShortcutAsync(action));
        StateHasChanged();
    });

    private async Task ShortcutAsync(string action)
    {
        switch (action)
        {
            case Shortcuts.NextChat or Shortcuts.PreviousChat:
                var order = ChatOrdering.Sort(chats, now);
                if (order.Count == 0)
                {
                    return;
                }

                var at = order.ToList().FindIndex(c => c.ConversationId == selectedId);
                var step = action == Shortcuts.NextChat ? 1 : -1;
                var next = at < 0 ? (step > 0 ? 0 : order.Count - 1) : Math.Clamp(at + step, 0, order.Count - 1);
                if (order[next].ConversationId != selectedId)
                {
                    await SelectCoreAsync(order[next].ConversationId);
                    StateHasChanged();
                    await script.FocusAsync("[data-testid=composer]", Ct);
                }

                break;
            case Shortcuts.FocusComposer:
                await script.FocusAsync("[data-testid=composer]", Ct);
                break;
            case Shortcuts.ToggleNote when pane is not null:
                await pane.ToggleNoteModeAsync();
                StateHasChanged();
                await script.FocusAsync("[data-testid=composer]", Ct);
                break;
            case Shortcuts.Resolve when pane is not null:
                await pane.ResolveAsync();
                break;
            case Shortcuts.Transfer when pane is not null:
                pane.OpenTransfer();
                break;
            case Shortcuts.Help:
                helpOpen = true;
                break;
        }
    }

    /// <summary>The tab was hidden or shown again; coming back counts the open chat as read.</summary>
    [JSInvokable]
    public Task OnVisibilityChangedAsync(bool isVisible) => InvokeAsync(async () =>
    {
        visible = isVisible;
        if (visible)
        {
            await RunSafelyAsync(MarkSelectedReadAsync);
        }

        StateHasChanged();
    });

    private async Task ReloadChatsAsync()
    {
        var fresh = await Port.GetMyChatsAsync(agentId, Ct);
        var known = chats.ToDictionary(c => c.ConversationId, StringComparer.Ordinal);

        // The server counts unread messages against the agent's read mark; the open chat,
        // in view, has none. Chats resolved in this session stay in view though the server
        // no longer lists them as open.
        var merged = fresh
            .Select(s => new ChatListItem(s, s.ConversationId == selectedId && visible ? 0 : s.Unread, Rating: known.GetValueOrDefault(s.ConversationId)?.Rating))
            .ToList();
        merged.AddRange(chats.Where(c => c.Resolved && !merged.Any(m => m.ConversationId == c.ConversationId)));
        chats = merged;
    }

    private async Task ReloadQueueAsync() => queue = await Port.GetQueueAsync(agentId, Ct);

    private async Task ReloadDueAsync() => due = await Port.GetDueListAsync(agentId, Ct);

    private async Task ReloadMentionsAsync() => mentions = await Port.GetMentionsAsync(agentId, Ct);

    private async Task OnNextActionChangedAsync(NextAction action)
    {
        if (detail?.ConversationId == action.ConversationId)
        {
            detail = detail with { NextActions = NextActionList.With(detail.NextActions, action) };
        }

        await RunSafelyAsync(ReloadDueAsync);
    }

    private void UpdateItem(string conversationId, Func<ChatListItem, ChatListItem> change)
    {
        var index = chats.FindIndex(c => c.ConversationId == conversationId);
        if (index >= 0)
        {
            chats[index] = change(chats[index]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        ticker?.Dispose();
        lifetime.Cancel();
        lifetime.Dispose();
        if (self is not null)
        {
            // The circuit may already be gone; a short wait is all a detach is worth.
            using var shortly = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await script.DetachAsync(shortly.Token);
            self.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
