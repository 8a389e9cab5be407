namespace Chat.AgentConsole.Port;

/// <summary>
/// Everything the console needs from the chat server. The console depends on nothing else,
/// so its components can be tested against a fake of this port.
/// Every method checks that the agent may act on the conversation and throws
/// <see cref="ConsoleActionException"/> with a stable code when not.
/// </summary>
public interface IConsolePort
{
    /// <summary>Checks an agent's credentials; null when they do not match.</summary>
    Task<AgentProfile?> SignInAsync(string email, string password, CancellationToken ct);

    /// <summary>
    /// The second step of a sign-in refused with <c>second_factor_required</c>: the code from the
    /// agent's app, or one of their recovery codes. Null when the code is wrong.
    /// </summary>
    Task<AgentProfile?> CompleteSignInAsync(string pendingSignIn, string code, CancellationToken ct);

    /// <summary>Whether the agent signs in with a second factor.</summary>
    Task<bool> HasTwoFactorAsync(string agentId, CancellationToken ct);

    /// <summary>Starts enrolment: a new secret to scan. Nothing changes for sign-in until it is confirmed.</summary>
    Task<TwoFactorSetup> StartTwoFactorAsync(string agentId, CancellationToken ct);

    /// <summary>
    /// Confirms enrolment with a code from the app; from now on sign-in asks for a code. Returns
    /// the recovery codes, shown this once. Refused with <c>two_factor_code_invalid</c>.
    /// </summary>
    Task<IReadOnlyList<string>> ConfirmTwoFactorAsync(string agentId, string code, CancellationToken ct);

    /// <summary>
    /// Changes the agent's own password and ends every session of theirs, this one too: they sign
    /// in again with the new one. Refused with <c>password_wrong</c> or <c>password_too_short</c>.
    /// </summary>
    Task ChangePasswordAsync(string agentId, string currentPassword, string newPassword, CancellationToken ct);

    Task<AgentProfile?> GetAgentAsync(string agentId, CancellationToken ct);

    /// <summary>The agent's open chats (assigned to them, not resolved).</summary>
    Task<IReadOnlyList<ChatSummary>> GetMyChatsAsync(string agentId, CancellationToken ct);

    /// <summary>Visitors waiting for an agent on the sites this agent belongs to, longest wait first.</summary>
    Task<IReadOnlyList<QueuedChat>> GetQueueAsync(string agentId, CancellationToken ct);

    /// <summary>Transcript, customer and the customer's earlier conversations.</summary>
    Task<ChatDetail> OpenChatAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>
    /// The messages after <paramref name="afterSeq"/> of a chat the agent may see, oldest first: a
    /// resync after a reconnect or a gap. Unlike opening the chat it marks nothing as read or seen.
    /// </summary>
    Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string agentId, string conversationId, long afterSeq, CancellationToken ct);

    /// <summary>Stores the reply and returns it once committed. A retry with the same clientId returns the first result.</summary>
    Task<ChatMessage> SendAsync(string agentId, string conversationId, string clientId, string text, CancellationToken ct);

    Task SetTypingAsync(string agentId, string conversationId, bool isTyping, CancellationToken ct);

    Task ResolveAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>Assigns a queued conversation to this agent.</summary>
    Task TakeAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>Sets the agent's presence and keeps it as their choice: away and offline stop new chats.</summary>
    Task SetPresenceAsync(string agentId, Presence presence, CancellationToken ct);

    /// <summary>
    /// A console is listening: the agent takes back the presence they chose last (online for a new
    /// agent), after a reload, on another device or after a restart of the server, and learns which.
    /// </summary>
    Task<Presence> ResumePresenceAsync(string agentId, CancellationToken ct);

    /// <summary>The agent has seen their chat up to <paramref name="seq"/>; visitor messages after it count as unread.</summary>
    Task MarkReadAsync(string agentId, string conversationId, long seq, CancellationToken ct);

    /// <summary>
    /// Stores an agent-only note on a chat of the agent's sites; the chat's agent sees it too.
    /// It never reaches the visitor. A retry with the same clientId returns the first result.
    /// </summary>
    Task<ChatNote> AddNoteAsync(string agentId, string conversationId, string clientId, string text, CancellationToken ct);

    /// <summary>The names of the chat's site's other agents, for completing an @mention in a note.</summary>
    Task<IReadOnlyList<string>> GetMentionNamesAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>The notes that @mentioned the agent, newest first, on chats of the sites they belong to.</summary>
    Task<IReadOnlyList<MentionItem>> GetMentionsAsync(string agentId, CancellationToken ct);

    /// <summary>The agents of the chat's site, other than this one, with their presence and room.</summary>
    Task<IReadOnlyList<Colleague>> GetTransferTargetsAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>
    /// Hands the agent's open chat to a colleague who is online with room: the colleague gets it
    /// with the note, the visitor is told who took over. Refused with <c>agent_unavailable</c> otherwise.
    /// </summary>
    Task TransferAsync(string agentId, string conversationId, string toAgentId, string note, CancellationToken ct);

    /// <summary>Opens the agent's resolved chat again, if it is the customer's latest and the agent has room.</summary>
    Task ReopenAsync(string agentId, string conversationId, CancellationToken ct);

    /// <summary>The site's canned replies, by shortcut, for an agent of that site.</summary>
    Task<IReadOnlyList<CannedReply>> GetCannedRepliesAsync(string agentId, string siteId, CancellationToken ct);

    /// <summary>A canned reply went into a reply the agent sent in this conversation: counted for the site's insights.</summary>
    Task CountCannedReplyUseAsync(string agentId, string conversationId, string cannedReplyId, CancellationToken ct);

    /// <summary>Adds a tag to a customer of the agent's sites and returns the customer's tags.</summary>
    Task<IReadOnlyList<string>> AddCustomerTagAsync(string agentId, string customerId, string tag, CancellationToken ct);

    /// <summary>Removes a tag from a customer of the agent's sites and returns the customer's tags.</summary>
    Task<IReadOnlyList<string>> RemoveCustomerTagAsync(string agentId, string customerId, string tag, CancellationToken ct);

    /// <summary>Counts a reply-coach hint on a chat of the agent's sites as shown, dismissed or followed.</summary>
    Task CountCoachHintAsync(string agentId, string conversationId, string rule, CoachOutcome outcome, CancellationToken ct);

    /// <summary>
    /// Tags a chat of the agent's sites and returns its tags. The tag "complaint" opens a
    /// follow-up action due within the site's complaint deadline.
    /// </summary>
    Task<IReadOnlyList<string>> AddConversationTagAsync(string agentId, string conversationId, string tag, CancellationToken ct);

    Task<IReadOnlyList<string>> RemoveConversationTagAsync(string agentId, string conversationId, string tag, CancellationToken ct);

    /// <summary>
    /// Sets a next action on a chat of the agent's sites, owned by an agent of that site. The
    /// visitor sees it. A retry with the same clientId returns the first one. Refused with
    /// <c>action_what_invalid</c>, <c>action_due_invalid</c> or <c>action_owner_invalid</c>.
    /// </summary>
    Task<NextAction> SetNextActionAsync(string agentId, string conversationId, NextActionDraft draft, CancellationToken ct);

    /// <summary>Marks a next action of the agent's sites kept, saying what was done; the visitor is told.</summary>
    Task<NextAction> CloseNextActionAsync(string agentId, string actionId, string outcome, CancellationToken ct);

    /// <summary>
    /// The agent's open next actions, whatever became of their chats, soonest first; for an admin
    /// also every overdue action of their sites. Overdue ones come first.
    /// </summary>
    Task<IReadOnlyList<NextAction>> GetDueListAsync(string agentId, CancellationToken ct);

    /// <summary>
    /// Live events for this agent: new chats assigned, messages and typing in their chats,
    /// queue changes on their sites. Dispose the result to stop (when the circuit ends).
    /// </summary>
    IDisposable Subscribe(string agentId, Func<ConsoleEvent, Task> onEvent);
}
