using Chat.AgentConsole.Port;
using Chat.Server.Conversations;
using Chat.Server.Events;

namespace Chat.Server.Agents;

/// <summary>Read marks, internal notes, transfers and reopening: each checks the agent may act on the chat.</summary>
public sealed partial class ConsolePort
{
    public Task MarkReadAsync(string agentId, string conversationId, long seq, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await conversations.GetForAgentAsync(agentId, conversationId, ct);
            await store.MarkReadAsync(conversation.Id, agentId, seq, ct);
            return true;
        });

    public Task<ChatNote> AddNoteAsync(string agentId, string conversationId, string clientId, string text, CancellationToken ct) =>
        Guard(async () =>
        {
            var agent = await agents.FindAsync(agentId, ct) ?? throw NotYours();
            var conversation = await VisibleToAgentAsync(agentId, conversationId, ct);
            var validClientId = MessageRules.ValidateClientId(clientId);
            var validText = await privacy.MaskAsync(conversation.SiteId, NoteRules.ValidateNote(text), ct);
            var (note, duplicate) = await notes.AddAsync(conversation.Id, validClientId, NoteKinds.Note, new Author(SenderKinds.Agent, agent.Id, agent.Name), null, validText, ct);
            if (!duplicate)
            {
                // Its author, the chat's agent and the colleagues it names hear of it; a note has no way to a visitor.
                var named = await MentionedAsync(conversation.SiteId, agent.Id, validText, ct);
                await mentions.AddAsync(note.Id, conversation.Id, named, note.CreatedAt, ct);
                bus.Publish(new NoteAddedEvent(note, conversation.AgentId, named));
            }

            return ToNote(note);
        });

    public Task<IReadOnlyList<Colleague>> GetTransferTargetsAsync(string agentId, string conversationId, CancellationToken ct) =>
        Guard(async () =>
        {
            var conversation = await conversations.GetForAgentAsync(agentId, conversationId, ct);
            var routed = (await router.AgentsAsync(conversation.SiteId, ct)).ToDictionary(a => a.AgentId, StringComparer.Ordinal);
            var result = new List<Colleague>();
            foreach (var (agent, _) in await agentAccounts.ForSitesAsync([conversation.SiteId], ct))
            {
                if (agent.Id == agentId)
                {
                    continue;
                }

                var slot = routed.GetValueOrDefault(agent.Id);
                var load = slot?.Load ?? (await store.OpenForAgentAsync(agent.Id, ct)).Count;
                var presence = slot is null ? Presence.Offline : slot.Available ? Presence.Online : Presence.Away;
                result.Add(new Colleague(agent.Id, agent.Name, agent.AvatarUrl, presence, load, slot?.Capacity ?? (int)agent.Capacity));
            }

            // Whoever can take the chat now comes first, least busy first.
            return (IReadOnlyList<Colleague>)[.. result.OrderByDescending(c => c.CanTakeChat).ThenBy(c => c.Presence).ThenBy(c => c.Load).ThenBy(c => c.Name, StringComparer.CurrentCulture)];
        });

    public Task TransferAsync(string agentId, string conversationId, string toAgentId, string note, CancellationToken ct) =>
        Guard(async () =>
        {
            var from = await agents.FindAsync(agentId, ct) ?? throw NotYours();
            var conversation = await conversations.GetForAgentAsync(agentId, conversationId, ct);
            var to = string.IsNullOrEmpty(toAgentId) ? null : await agents.FindAsync(toAgentId, ct);
            if (to is null)
            {
                throw new ChatRuleException("agent_unavailable", "That agent is not online or has no room for another chat.");
            }

            await handovers.TransferAsync(
                conversation,
                new Author(SenderKinds.Agent, from.Id, from.Name),
                new Author(SenderKinds.Agent, to.Id, to.Name),
                await agents.SiteIdsAsync(to.Id, ct),
                note,
                ct);
            return true;
        });

    public Task ReopenAsync(string agentId, string conversationId, CancellationToken ct) =>
        Guard(async () =>
        {
            var agent = await agents.FindAsync(agentId, ct) ?? throw NotYours();
            var conversation = await conversations.GetForAgentAsync(agentId, conversationId, ct);
            await handovers.ReopenAsync(conversation, new Author(SenderKinds.Agent, agent.Id, agent.Name), ct);
            return true;
        });

    private static ChatNote ToNote(NoteRow n) => new(
        n.ConversationId, n.ClientId, n.Kind == NoteKinds.Transfer ? NoteKind.Transfer : NoteKind.Note,
        n.AuthorName, n.TargetName, n.Text, Clock.FromMs(n.CreatedAt));
}
