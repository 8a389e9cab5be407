using System.Net;
using System.Net.Http.Json;
using Chat.AgentConsole.Port;
using Chat.Server.Agents;
using Chat.Server.Audit;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Chat.Tests.Integration;

/// <summary>
/// The audit log as admins read it: who did what and when, for sign-ins, account, role, site and
/// security changes; filtered by actor, action and dates, a page at a time, newest first; each
/// admin reading only their own sites' entries; and no way in the product to change one.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 3, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sign_ins_and_account_changes_are_recorded_with_who_when_and_from_where()
    {
        // A wrong password, then the right one, over the JSON endpoint: both recorded with the address.
        var wrong = await _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email = ChatServer.AdminEmail, password = "not the password at all" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        _time.Advance(TimeSpan.FromMinutes(1));
        var cookie = await _server.SignInAgentAsync();
        Assert.NotEmpty(cookie);

        _time.Advance(TimeSpan.FromMinutes(1));
        await using var console = await _server.OpenConsoleAsync();
        var adminId = console.Agent.Id;
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(adminId, CancellationToken.None)).Single();

        var created = await admin.CreateAgentAsync(adminId, new AgentAccount("", "nora@example.com", "Nora New", null, AgentRoles.Agent, 3, [site.Id]), CancellationToken.None);
        var nora = created.Agent;
        _time.Advance(TimeSpan.FromMinutes(1));
        await admin.UpdateAgentAsync(adminId, nora with { Role = AgentRoles.Admin }, CancellationToken.None);
        await admin.ResetPasswordAsync(adminId, nora.Id, CancellationToken.None);
        await admin.SetAgentDisabledAsync(adminId, nora.Id, disabled: true, CancellationToken.None);
        await admin.SetAgentDisabledAsync(adminId, nora.Id, disabled: false, CancellationToken.None);
        await admin.UnlockAgentAsync(adminId, nora.Id, CancellationToken.None);
        await admin.UpdateSiteAsync(adminId, site with { MaskPrivateData = false }, CancellationToken.None);
        await admin.DeleteAgentAsync(adminId, nora.Id, CancellationToken.None);

        // The admin's own account: signed out, two-factor turned on, the password changed.
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "api/agents/sign-out");
        signOut.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await _server.Http.SendAsync(signOut)).StatusCode);
        var setup = await console.Port.StartTwoFactorAsync(adminId, CancellationToken.None);
        await console.Port.ConfirmTwoFactorAsync(adminId, new Totp(Base32Encoding.ToBytes(setup.Secret)).ComputeTotp(_time.GetUtcNow().UtcDateTime), CancellationToken.None);
        await console.Port.ChangePasswordAsync(adminId, ChatServer.AdminPassword, "a brand new long password", CancellationToken.None);

        var entries = (await _server.AdminPort().GetAuditLogAsync(adminId, new AuditFilter(), CancellationToken.None)).Entries;
        Assert.Equal(
            [
                AuditActions.PasswordChanged, AuditActions.TwoFactorEnabled, AuditActions.SignedOut, AuditActions.AgentDeleted, AuditActions.SiteUpdated,
                AuditActions.AgentUnlocked, AuditActions.AgentEnabled, AuditActions.AgentDisabled, AuditActions.PasswordReset, AuditActions.AgentUpdated,
                AuditActions.RoleChanged, AuditActions.AgentCreated, AuditActions.SignedIn, AuditActions.SignedIn, AuditActions.SignInFailed,
            ],
            entries.Where(e => e.Action != AuditActions.SignInKeyCreated).Select(e => e.Action));
        Assert.All(entries.Where(e => e.Action != AuditActions.SignInKeyCreated), e => Assert.Equal("Alex Admin", e.ActorName));
        // The key ring made at first start signs every cookie: the server wrote it down itself.
        var key = entries[^1];
        Assert.Equal((AuditActions.SignInKeyCreated, AuditActor.Server.Name, "sign_in_key"), (key.Action, key.ActorName, key.TargetType));

        var failed = entries.Single(e => e.Action == AuditActions.SignInFailed);
        Assert.Equal(adminId, failed.ActorId);
        Assert.Equal(Start, failed.At);
        Assert.Equal("127.0.0.1", failed.Address);
        var role = entries.Single(e => e.Action == AuditActions.RoleChanged);
        Assert.Equal(("agent", nora.Id), (role.TargetType, role.TargetId));
        Assert.Equal("Nora New: agent → admin", role.Detail);
        Assert.Equal(Start.AddMinutes(3), role.At);
        Assert.Contains("private data masked off", entries.Single(e => e.Action == AuditActions.SiteUpdated).Detail, StringComparison.Ordinal);

        // Nothing secret is written down: not the generated passwords, not the new one.
        var everything = string.Join('\n', entries.Select(e => $"{e.ActorName} {e.Detail} {e.TargetId}"));
        Assert.DoesNotContain(created.Password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("a brand new long password", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Secret, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_filter_by_actor_action_and_dates_and_page_newest_first()
    {
        await using var console = await _server.OpenConsoleAsync();
        var adminId = console.Agent.Id;
        var admin = _server.AdminPort();
        var site = (await admin.GetSitesAsync(adminId, CancellationToken.None)).Single();
        var sam = await _server.AddAgentAsync("Sam Second", capacity: 2);
        var samId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @Email", new { sam.Email });

        // 120 site changes, a minute apart, then Sam signs in.
        for (var i = 0; i < 120; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await admin.UpdateSiteAsync(adminId, site with { Greeting = $"Hello {i}" }, CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        await using var samConsole = await _server.OpenConsoleAsync(sam.Email, sam.Password);

        var bySam = await admin.GetAuditLogAsync(adminId, new AuditFilter(ActorId: samId), CancellationToken.None);
        Assert.Equal(AuditActions.SignedIn, Assert.Single(bySam.Entries).Action);

        // Paged, newest first, every entry once.
        var seen = new List<AuditEntry>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.GetAuditLogAsync(adminId, new AuditFilter(Action: AuditActions.SiteUpdated, Before: cursor), CancellationToken.None);
            Assert.True(page.Entries.Count <= 50);
            seen.AddRange(page.Entries);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(120, seen.Count);
        Assert.Equal(120, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(e => e.At).Select(e => e.Id), seen.Select(e => e.Id));
        Assert.Equal(Start.AddMinutes(120), seen[0].At);

        // From is inclusive, to exclusive: minutes 10 to 19.
        var window = await admin.GetAuditLogAsync(adminId, new AuditFilter(Action: AuditActions.SiteUpdated, From: Start.AddMinutes(10), To: Start.AddMinutes(20)), CancellationToken.None);
        Assert.Equal(10, window.Entries.Count);
        Assert.All(window.Entries, e => Assert.InRange(e.At, Start.AddMinutes(10), Start.AddMinutes(19)));
        Assert.Null(window.Next);

        // A cursor or filter made up by hand finds nothing it should not.
        var junk = await admin.GetAuditLogAsync(adminId, new AuditFilter(ActorId: "' OR 1=1 --", Action: "<script>", Before: "x:y"), CancellationToken.None);
        Assert.Empty(junk.Entries);
    }

    [Fact]
    public async Task An_admin_reads_only_their_own_sites_entries()
    {
        await using var console = await _server.OpenConsoleAsync();
        var other = await _server.AddSiteAsync("Other shop", "Olga Other");
        var admin = _server.AdminPort();
        var otherSite = (await admin.GetSitesAsync(other.AdminId, CancellationToken.None)).Single();
        await admin.UpdateSiteAsync(other.AdminId, otherSite with { Greeting = "Olga's greeting" }, CancellationToken.None);

        // Someone tries an email nobody has: recorded, but belongs to no site.
        var stranger = await _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email = "ghost@nowhere.test", password = "guessing" });
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE detail = 'ghost@nowhere.test'"));

        var mine = (await admin.GetAuditLogAsync(console.Agent.Id, new AuditFilter(), CancellationToken.None)).Entries;
        var theirs = (await admin.GetAuditLogAsync(other.AdminId, new AuditFilter(), CancellationToken.None)).Entries;
        Assert.Contains(mine, e => e.Action == AuditActions.SignedIn && e.ActorId == console.Agent.Id);
        Assert.DoesNotContain(mine, e => e.Action == AuditActions.SiteUpdated);
        Assert.Contains(theirs, e => e.Action == AuditActions.SiteUpdated && e.TargetId == other.Id);
        Assert.DoesNotContain(theirs, e => e.ActorId == console.Agent.Id);
        // The server's own entries (a new sign-in key) concern everyone; the stranger's attempt no one.
        Assert.Contains(theirs, e => e.Action == AuditActions.SignInKeyCreated);
        Assert.DoesNotContain(mine.Concat(theirs), e => e.Detail.Contains("ghost", StringComparison.Ordinal));

        // Asking for another admin's actor id shows nothing of theirs.
        Assert.Empty((await admin.GetAuditLogAsync(other.AdminId, new AuditFilter(ActorId: console.Agent.Id), CancellationToken.None)).Entries);

        // An agent who is not an admin reads nothing at all.
        var sam = await _server.AddAgentAsync("Sam Second", capacity: 2);
        await using var samConsole = await _server.OpenConsoleAsync(sam.Email, sam.Password);
        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() => admin.GetAuditLogAsync(samConsole.Agent.Id, new AuditFilter(), CancellationToken.None));
        Assert.Equal("admin_only", refused.Code);
    }

    [Fact]
    public async Task Nothing_in_the_product_updates_or_deletes_an_audit_entry()
    {
        // The store inserts and reads; no other door exists.
        var methods = typeof(AuditStore).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Order().ToList();
        Assert.Equal(["Cursor", "InsertAsync", "ReadAsync"], methods);

        // And no statement anywhere in the server changes or removes a row of the two tables.
        var sources = Directory.EnumerateFiles(RepoPaths.Server, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (var forbidden in new[] { "UPDATE audit_entr", "DELETE FROM audit_entr", "TRUNCATE TABLE audit_entr" })
            {
                Assert.False(text.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"{Path.GetFileName(file)} has \"{forbidden}\".");
            }
        }

        await using var console = await _server.OpenConsoleAsync();
        Assert.NotEmpty((await _server.AdminPort().GetAuditLogAsync(console.Agent.Id, new AuditFilter(), CancellationToken.None)).Entries);
    }
}
