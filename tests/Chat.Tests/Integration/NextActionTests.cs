using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration;

/// <summary>
/// Promises with deadlines: set on a chat, shown to the visitor, reminded before they are due,
/// reported when overdue, moved with a transfer, kept after a resolve and a restart, and kept.
/// </summary>
public sealed class NextActionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private ChatServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time), "--Chat:NextActions:CheckSeconds=10");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_next_action_is_shown_to_the_visitor_and_kept_with_what_was_done()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await StartChatAsync(agent);
        await using var _ = widget;

        var draft = new NextActionDraft("na-1", "email you the tracking number", agent.Agent.Id, Start.AddHours(6));
        var action = await agent.Port.SetNextActionAsync(agent.Agent.Id, conversationId, draft, CancellationToken.None);
        Assert.Equal("Alex Admin", action.OwnerName);
        Assert.True(action.IsOpen);

        // The visitor's widget hears of it with the conversation.
        var shown = await widget.WaitForEventAsync("conversation", c => c.GetProperty("nextActions").GetArrayLength() == 1);
        var promise = shown.GetProperty("nextActions")[0];
        Assert.Equal("email you the tracking number", promise.GetProperty("what").GetString());
        Assert.Equal("Alex Admin", promise.GetProperty("ownerName").GetString());
        Assert.Equal(Start.AddHours(6), promise.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, promise.GetProperty("doneAt").ValueKind);

        // A retried create stores nothing twice.
        await agent.Port.SetNextActionAsync(agent.Agent.Id, conversationId, draft, CancellationToken.None);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM next_actions"));
        Assert.Single(await agent.Port.GetDueListAsync(agent.Agent.Id, CancellationToken.None));

        // Kept: it leaves the Due list, and the visitor is told what was done.
        var kept = await agent.Port.CloseNextActionAsync(agent.Agent.Id, action.Id, "Sent the tracking number: 1Z999AA1", CancellationToken.None);
        Assert.False(kept.IsOpen);
        var done = await widget.WaitForEventAsync("conversation", c => c.GetProperty("nextActions").EnumerateArray().Any(a => a.GetProperty("doneAt").ValueKind != JsonValueKind.Null));
        Assert.Equal("Sent the tracking number: 1Z999AA1", done.GetProperty("nextActions")[0].GetProperty("outcome").GetString());
        Assert.Empty(await agent.Port.GetDueListAsync(agent.Agent.Id, CancellationToken.None));
        var resumed = await widget.InvokeAsync("Resume");
        Assert.Equal("Sent the tracking number: 1Z999AA1", resumed.GetProperty("conversation").GetProperty("nextActions")[0].GetProperty("outcome").GetString());

        // Closing again changes nothing.
        var again = await agent.Port.CloseNextActionAsync(agent.Agent.Id, action.Id, "Something else", CancellationToken.None);
        Assert.Equal("Sent the tracking number: 1Z999AA1", again.Outcome);
    }

    [Fact]
    public async Task The_owner_is_reminded_before_it_is_due_and_an_overdue_action_is_shown_to_the_sites_admins()
    {
        await using var admin = await _server.OpenConsoleAsync();
        // The chat goes to the admin, the only one online; Tia comes online after, to own the promise.
        var (widget, conversationId) = await StartChatAsync(admin);
        await using var _ = widget;
        var tia = await _server.AddAgentAsync("Tia Tran", capacity: 2);
        await using var owner = await _server.OpenConsoleAsync(tia.Email, tia.Password);

        var action = await admin.Port.SetNextActionAsync(admin.Agent.Id, conversationId,
            new NextActionDraft("na-1", "call you back about the refund", owner.Agent.Id, Start.AddMinutes(40)), CancellationToken.None);
        await owner.WaitForAsync<NextActionsChanged>(c => c.ConversationId == conversationId);
        Assert.Equal(action.Id, Assert.Single(await owner.Port.GetDueListAsync(owner.Agent.Id, CancellationToken.None)).Id);
        Assert.Empty(await admin.Port.GetDueListAsync(admin.Agent.Id, CancellationToken.None));

        // Fifteen minutes before it is due, the owner is reminded; not before.
        var soon = await _time.AdvanceUntilAsync(owner.WaitForAsync<NextActionReminder>(r => !r.Overdue, TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(10));
        Assert.Equal(action.Id, soon.Action.Id);
        Assert.InRange(_time.GetUtcNow(), Start.AddMinutes(25), Start.AddMinutes(26));

        // Once past due: the owner is told, and the admin's Due list shows it, overdue.
        var overdue = await _time.AdvanceUntilAsync(owner.WaitForAsync<NextActionReminder>(r => r.Overdue, TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(10));
        Assert.True(_time.GetUtcNow() >= Start.AddMinutes(40));
        Assert.Equal("call you back about the refund", overdue.Action.What);
        await admin.WaitForAsync<NextActionsChanged>(c => c.ConversationId == conversationId);
        var seenByAdmin = Assert.Single(await admin.Port.GetDueListAsync(admin.Agent.Id, CancellationToken.None));
        Assert.True(seenByAdmin.IsOverdue(_time.GetUtcNow()));
        Assert.Equal("Tia Tran", seenByAdmin.OwnerName);

        // Each reminder is sent once, however long the clock runs: a second promise's reminder proves
        // the checker ran again after the first was overdue, and the first was not reminded twice.
        var second = await admin.Port.SetNextActionAsync(admin.Agent.Id, conversationId,
            new NextActionDraft("na-2", "send the return label", owner.Agent.Id, _time.GetUtcNow().AddMinutes(10)), CancellationToken.None);
        await _time.AdvanceUntilAsync(owner.WaitForAsync<NextActionReminder>(r => r.Action.Id == second.Id, TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(10));
        // Both of its reminders were taken above; nothing more came for it.
        Assert.DoesNotContain(owner.Received<NextActionReminder>(), r => r.Action.Id == action.Id);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM next_actions WHERE reminded_at IS NOT NULL AND overdue_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_transfer_moves_the_action_with_a_note_and_a_resolved_chat_keeps_it_in_the_owners_list()
    {
        await using var from = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await StartChatAsync(from);
        await using var _ = widget;
        await from.Port.SetNextActionAsync(from.Agent.Id, conversationId,
            new NextActionDraft("na-1", "check the stock of the dusk mug", from.Agent.Id, Start.AddHours(2)), CancellationToken.None);
        var sam = await _server.AddAgentAsync("Sam Second", capacity: 2);
        await using var to = await _server.OpenConsoleAsync(sam.Email, sam.Password);

        await from.Port.TransferAsync(from.Agent.Id, conversationId, to.Agent.Id, "Stock question", CancellationToken.None);

        var moved = Assert.Single(await to.Port.GetDueListAsync(to.Agent.Id, CancellationToken.None));
        Assert.Equal("Sam Second", moved.OwnerName);
        Assert.Empty(await from.Port.GetDueListAsync(from.Agent.Id, CancellationToken.None));
        var note = await to.WaitForAsync<NoteAdded>(n => n.Note.Text.Contains("Next actions handed over", StringComparison.Ordinal));
        Assert.Contains("check the stock of the dusk mug", note.Note.Text);
        await widget.WaitForEventAsync("conversation", c => c.GetProperty("nextActions").GetArrayLength() == 1
            && c.GetProperty("nextActions")[0].GetProperty("ownerName").GetString() == "Sam Second");

        await to.Port.ResolveAsync(to.Agent.Id, conversationId, CancellationToken.None);
        var stillDue = Assert.Single(await to.Port.GetDueListAsync(to.Agent.Id, CancellationToken.None));
        Assert.Equal("resolved", stillDue.ConversationStatus);
        var detail = await to.Port.OpenChatAsync(to.Agent.Id, conversationId, CancellationToken.None);
        Assert.True(Assert.Single(detail.NextActions).IsOpen);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_clear_code_and_nothing_is_stored()
    {
        await using var agent = await _server.OpenConsoleAsync();
        var (widget, conversationId) = await StartChatAsync(agent);
        await using var _ = widget;
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        var me = agent.Agent.Id;

        async Task<string> RefusedAsync(NextActionDraft draft, string? conversation = null) =>
            (await Assert.ThrowsAsync<ConsoleActionException>(() => agent.Port.SetNextActionAsync(me, conversation ?? conversationId, draft, CancellationToken.None))).Code;

        Assert.Equal("action_what_invalid", await RefusedAsync(new("a", "   ", me, Start.AddHours(1))));
        Assert.Equal("action_what_invalid", await RefusedAsync(new("b", new string('x', 201), me, Start.AddHours(1))));
        Assert.Equal("action_due_invalid", await RefusedAsync(new("c", "call you", me, Start.AddHours(-1))));
        Assert.Equal("action_due_invalid", await RefusedAsync(new("d", "call you", me, Start.AddYears(2))));
        Assert.Equal("action_owner_invalid", await RefusedAsync(new("e", "call you", other.AdminId, Start.AddHours(1))));
        Assert.Equal("action_owner_invalid", await RefusedAsync(new("f", "call you", "no-such-agent", Start.AddHours(1))));
        Assert.Equal("client_id_invalid", await RefusedAsync(new("", "call you", me, Start.AddHours(1))));
        Assert.Equal("not_your_conversation", await RefusedAsync(new("g", "call you", me, Start.AddHours(1)), "someone-elses"));
        var closeUnknown = await Assert.ThrowsAsync<ConsoleActionException>(() => agent.Port.CloseNextActionAsync(me, "nope", "done", CancellationToken.None));
        Assert.Equal("not_found", closeUnknown.Code);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM next_actions"));

        // Another site's admin can neither set nor close actions on this site's chats.
        await using var olga = await _server.OpenConsoleAsync(other.AdminEmail, ChatServer.AdminPassword);
        var action = await agent.Port.SetNextActionAsync(me, conversationId, new("h", "<script>alert(1)</script> call you", me, Start.AddHours(1)), CancellationToken.None);
        Assert.Equal("<script>alert(1)</script> call you", action.What);
        var intruder = await Assert.ThrowsAsync<ConsoleActionException>(() => olga.Port.CloseNextActionAsync(olga.Agent.Id, action.Id, "done", CancellationToken.None));
        Assert.Equal("not_found", intruder.Code);
        var outcomeMissing = await Assert.ThrowsAsync<ConsoleActionException>(() => agent.Port.CloseNextActionAsync(me, action.Id, " ", CancellationToken.None));
        Assert.Equal("action_outcome_invalid", outcomeMissing.Code);
        Assert.Empty(await olga.Port.GetDueListAsync(olga.Agent.Id, CancellationToken.None));

        // A card number in a promise is masked like any other text.
        var masked = await agent.Port.SetNextActionAsync(me, conversationId, new("i", "refund card 4111 1111 1111 1111", me, Start.AddHours(1)), CancellationToken.None);
        Assert.Equal("refund card •••• •••• •••• 1111", masked.What);
    }

    [Fact]
    public async Task An_open_action_survives_a_restart()
    {
        var dataDir = Directory.CreateTempSubdirectory("chat-restart-").FullName;
        try
        {
            string actionId;
            await using (var first = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time), $"--Chat:DataDir={dataDir}"))
            {
                await using var agent = await first.OpenConsoleAsync();
                await using var widget = await first.ConnectVisitorAsync(await first.NewVisitorAsync());
                var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
                await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
                actionId = (await agent.Port.SetNextActionAsync(agent.Agent.Id, conversationId,
                    new("na-1", "send you the invoice", agent.Agent.Id, Start.AddDays(1)), CancellationToken.None)).Id;
            }

            await using var second = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time), $"--Chat:DataDir={dataDir}");
            await using var again = await second.OpenConsoleAsync();
            var due = Assert.Single(await again.Port.GetDueListAsync(again.Agent.Id, CancellationToken.None));
            Assert.Equal(actionId, due.Id);
            Assert.Equal("send you the invoice", due.What);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private async Task<(HubSession Widget, string ConversationId)> StartChatAsync(AgentSession agent)
    {
        var widget = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync("Ana Lima"));
        var conversationId = (await widget.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;
        await agent.WaitForAsync<ChatAssigned>(a => a.Chat.ConversationId == conversationId);
        return (widget, conversationId);
    }
}
