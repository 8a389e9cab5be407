using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.AgentConsole.Port;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Chat.Tests.Integration;

/// <summary>Two-factor sign-in by TOTP: enrolment, the code at sign-in, a code used once, recovery codes stored hashed and spent once.</summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time), "--Chat:SignIn:FreeFailuresPerAddress=1000");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task After_enrolment_the_password_alone_opens_nothing_and_the_code_does_once()
    {
        var (secret, recovery) = await EnrolAdminAsync();

        var passwordOnly = await SignInAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
        Assert.Equal("second_factor_required", await CodeAsync(passwordOnly));
        Assert.False(passwordOnly.Headers.Contains("Set-Cookie"));
        Assert.Equal("credentials_invalid", await CodeAsync(await SignInAsync("000000")));

        _time.Advance(TimeSpan.FromSeconds(30));
        var code = Totp(secret);
        var ok = await SignInAsync(code);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // The same code again, within its 30 seconds: already spent.
        Assert.Equal("credentials_invalid", await CodeAsync(await SignInAsync(code)));

        // A recovery code works once, in any case and with or without its dash.
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(recovery[0].ToUpperInvariant())).StatusCode);
        Assert.Equal("credentials_invalid", await CodeAsync(await SignInAsync(recovery[0])));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(recovery[1].Replace("-", "", StringComparison.Ordinal))).StatusCode);

        // Only hashes are stored.
        Assert.Equal(10L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM agent_recovery_codes"));
        foreach (var plain in recovery)
        {
            Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM agent_recovery_codes WHERE code_hash LIKE @p", new { p = "%" + plain.Replace("-", "", StringComparison.Ordinal) + "%" }));
        }
    }

    [Fact]
    public async Task The_console_signs_in_in_two_steps_and_a_wrong_code_counts_as_a_wrong_password()
    {
        var (secret, _) = await EnrolAdminAsync();
        await using var scope = _server.Services.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();

        var step = await Assert.ThrowsAsync<ConsoleActionException>(() => port.SignInAsync(ChatServer.AdminEmail, ChatServer.AdminPassword, CancellationToken.None));
        Assert.Equal("second_factor_required", step.Code);
        Assert.NotNull(step.PendingSignIn);
        Assert.Null(await port.CompleteSignInAsync("forged", Totp(secret), CancellationToken.None));
        for (var i = 0; i < 6; i++)
        {
            Assert.Null(await port.CompleteSignInAsync(step.PendingSignIn!, "111111", CancellationToken.None));
        }

        var throttled = await Assert.ThrowsAsync<ConsoleActionException>(() => port.CompleteSignInAsync(step.PendingSignIn!, Totp(secret), CancellationToken.None));
        Assert.Equal("sign_in_throttled", throttled.Code);
        _time.Advance(TimeSpan.FromSeconds(30));
        var agent = await port.CompleteSignInAsync(step.PendingSignIn!, Totp(secret), CancellationToken.None);
        Assert.Equal(ChatServer.AdminEmail, agent!.Email);
        Assert.NotNull(agent.SessionStamp);
    }

    [Fact]
    public async Task A_wrong_code_at_enrolment_leaves_two_factor_off()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var adminId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });
        var setup = await port.StartTwoFactorAsync(adminId, CancellationToken.None);
        Assert.StartsWith("<svg", setup.QrSvg.TrimStart(), StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() => port.ConfirmTwoFactorAsync(adminId, "123", CancellationToken.None));
        Assert.Equal("two_factor_code_invalid", refused.Code);
        Assert.False(await port.HasTwoFactorAsync(adminId, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(null)).StatusCode);
    }

    [Fact]
    public async Task A_site_can_require_two_factor_of_its_admins_and_an_admin_without_it_changes_nothing()
    {
        var admin = _server.AdminPort();
        var adminId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });
        var site = (await admin.GetSitesAsync(adminId, CancellationToken.None)).Single();

        // Not before the admin has a second factor of their own: they would lock themselves out.
        var refused = await Assert.ThrowsAsync<ConsoleActionException>(() =>
            admin.UpdateSiteAsync(adminId, site with { RequireTwoFactorForAdmins = true }, CancellationToken.None));
        Assert.Equal("two_factor_required", refused.Code);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT require_two_factor FROM sites WHERE id = @Id", new { site.Id }));

        await EnrolAdminAsync();
        var saved = await admin.UpdateSiteAsync(adminId, site with { RequireTwoFactorForAdmins = true }, CancellationToken.None);
        Assert.True(saved.RequireTwoFactorForAdmins);

        // A second admin of the site, without a second factor: every admin action is refused until they enrol.
        var (email, _) = await _server.AddAgentAsync("Nora Admin", 2);
        var noraId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @email", new { email });
        var nora = (await admin.GetAgentsAsync(adminId, CancellationToken.None)).Single(a => a.Id == noraId);
        await admin.UpdateAgentAsync(adminId, nora with { Role = "admin" }, CancellationToken.None);
        var blocked = await Assert.ThrowsAsync<ConsoleActionException>(() => admin.GetAgentsAsync(noraId, CancellationToken.None));
        Assert.Equal("two_factor_required", blocked.Code);
        await Assert.ThrowsAsync<ConsoleActionException>(() => admin.UpdateSiteAsync(noraId, saved with { RequireTwoFactorForAdmins = false }, CancellationToken.None));
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT require_two_factor FROM sites WHERE id = @Id", new { site.Id }));

        await using var scope = _server.Services.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var setup = await port.StartTwoFactorAsync(noraId, CancellationToken.None);
        await port.ConfirmTwoFactorAsync(noraId, Totp(setup.Secret), CancellationToken.None);
        Assert.NotEmpty(await admin.GetAgentsAsync(noraId, CancellationToken.None));
    }

    private async Task<(string Secret, IReadOnlyList<string> Recovery)> EnrolAdminAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var port = scope.ServiceProvider.GetRequiredService<IConsolePort>();
        var adminId = await _server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });
        var setup = await port.StartTwoFactorAsync(adminId, CancellationToken.None);
        var recovery = await port.ConfirmTwoFactorAsync(adminId, Totp(setup.Secret), CancellationToken.None);
        Assert.Equal(10, recovery.Count);
        Assert.True(await port.HasTwoFactorAsync(adminId, CancellationToken.None));
        return (setup.Secret, recovery);
    }

    private string Totp(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(_time.GetUtcNow().UtcDateTime);

    private Task<HttpResponseMessage> SignInAsync(string? code) =>
        _server.Http.PostAsJsonAsync("api/agents/sign-in", new { email = ChatServer.AdminEmail, password = ChatServer.AdminPassword, code });

    private static async Task<string> CodeAsync(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? "" : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
}
