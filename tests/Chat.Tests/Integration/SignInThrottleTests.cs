using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Server.Agents;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Integration;

/// <summary>
/// Sign-in that resists guessing: growing waits after a few wrong passwords, a lock after more,
/// the same answers for unknown emails, a limit per address, admins who unlock, and hashes raised
/// to today's cost at the next sign-in. Time is a fake clock.
/// </summary>
public sealed class SignInThrottleTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
    private ChatServer? _server;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_must_wait_and_the_wait_grows()
    {
        var server = await StartAsync("--Chat:SignIn:FreeFailuresPerAddress=1000");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal((HttpStatusCode.Unauthorized, "credentials_invalid"), await AttemptAsync(server, ChatServer.AdminEmail, "guess " + i));
        }

        Assert.Equal((HttpStatusCode.Unauthorized, "credentials_invalid"), await AttemptAsync(server, ChatServer.AdminEmail, "sixth guess"));
        // Past the free ones: the next attempt, right password or not, waits 2 s, then 4 s.
        var early = await PostAsync(server, ChatServer.AdminEmail, ChatServer.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Equal("sign_in_throttled", await CodeAsync(early));
        Assert.Equal(TimeSpan.FromSeconds(2), early.Headers.RetryAfter!.Delta);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((HttpStatusCode.Unauthorized, "credentials_invalid"), await AttemptAsync(server, ChatServer.AdminEmail, "seventh guess"));
        var later = await PostAsync(server, ChatServer.AdminEmail, ChatServer.AdminPassword);
        Assert.Equal(TimeSpan.FromSeconds(4), later.Headers.RetryAfter!.Delta);

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, ChatServer.AdminEmail, ChatServer.AdminPassword)).StatusCode);
        // A success starts the count afresh.
        Assert.Equal(0L, await server.ScalarAsync<long>("SELECT failed_sign_ins FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail }));
    }

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_account_until_the_lock_passes_or_an_admin_unlocks_it()
    {
        var server = await StartAsync("--Chat:SignIn:FreeFailuresPerAddress=1000");
        var (email, password) = await server.AddAgentAsync("Ben Lane", 2);
        await FailUntilLockedAsync(server, email);

        var locked = await PostAsync(server, email, password);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("account_locked", await CodeAsync(locked));
        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal("account_locked", await CodeAsync(await PostAsync(server, email, password)));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, email, password)).StatusCode);

        // Locked again; this time an admin lets them in at once.
        await FailUntilLockedAsync(server, email);
        var adminId = await server.ScalarAsync<string>("SELECT id FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });
        var account = (await server.AdminPort().GetAgentsAsync(adminId, CancellationToken.None)).Single(a => a.Email == email);
        Assert.Equal(_time.GetUtcNow().AddMinutes(15), account.LockedUntil);
        var unlocked = await server.AdminPort().UnlockAgentAsync(adminId, account.Id, CancellationToken.None);
        Assert.Null(unlocked.LockedUntil);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, email, password)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_exactly_the_answers_a_real_one_gets()
    {
        var server = await StartAsync("--Chat:SignIn:FreeFailuresPerAddress=1000");
        var (email, _) = await server.AddAgentAsync("Cora Diaz", 2);
        var real = await AnswersAsync(server, email);
        var unknown = await AnswersAsync(server, "nobody@example.com");
        Assert.Equal(real, unknown);
        Assert.Contains((HttpStatusCode.TooManyRequests, "sign_in_throttled"), real);
        Assert.Contains((HttpStatusCode.TooManyRequests, "account_locked"), real);
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_slowed_down_on_every_account()
    {
        var server = await StartAsync();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal((HttpStatusCode.Unauthorized, "credentials_invalid"), await AttemptAsync(server, $"guess{i}@example.com", "password"));
        }

        Assert.Equal((HttpStatusCode.Unauthorized, "credentials_invalid"), await AttemptAsync(server, "guess20@example.com", "password"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "sign_in_throttled"), await AttemptAsync(server, ChatServer.AdminEmail, ChatServer.AdminPassword));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, ChatServer.AdminEmail, ChatServer.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task The_console_login_page_says_how_long_to_wait()
    {
        var server = await StartAsync("--Chat:SignIn:FreeFailuresPerAddress=1000");
        for (var i = 0; i < 6; i++)
        {
            await AttemptAsync(server, ChatServer.AdminEmail, "guess " + i);
        }

        var scope = server.Services.CreateAsyncScope();
        await using (scope)
        {
            var port = scope.ServiceProvider.GetRequiredService<Chat.AgentConsole.Port.IConsolePort>();
            var refused = await Assert.ThrowsAsync<Chat.AgentConsole.Port.ConsoleActionException>(() =>
                port.SignInAsync(ChatServer.AdminEmail, ChatServer.AdminPassword, CancellationToken.None));
            Assert.Equal("sign_in_throttled", refused.Code);
            Assert.Contains("2 seconds", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_older_cheaper_hash_is_raised_to_600000_iterations_at_the_next_sign_in()
    {
        var server = await StartAsync("--Chat:SignIn:PasswordIterations=600000");
        var old = Passwords.Hash(ChatServer.AdminPassword, 210_000);
        await server.ScalarAsync<long>("UPDATE agents SET password_hash = @old WHERE email = @AdminEmail", new { old, ChatServer.AdminEmail });

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, ChatServer.AdminEmail, ChatServer.AdminPassword)).StatusCode);

        var stored = await server.ScalarAsync<string>("SELECT password_hash FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });
        Assert.Equal(600_000, Passwords.IterationsOf(stored));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, ChatServer.AdminEmail, ChatServer.AdminPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(server, ChatServer.AdminEmail, "wrong")).StatusCode);
    }

    /// <summary>Twenty attempts with wrong passwords, each wait waited out: what each answered.</summary>
    private async Task<List<(HttpStatusCode, string)>> AnswersAsync(ChatServer server, string email)
    {
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 20; i++)
        {
            var answer = await PostAsync(server, email, "guess " + i);
            answers.Add((answer.StatusCode, await CodeAsync(answer)));
            if (answer.Headers.RetryAfter?.Delta is { } wait)
            {
                _time.Advance(wait);
            }
        }

        return answers;
    }

    private async Task FailUntilLockedAsync(ChatServer server, string email)
    {
        for (var failures = 0; failures < 10;)
        {
            var answer = await PostAsync(server, email, "guess");
            if (answer.StatusCode == HttpStatusCode.Unauthorized)
            {
                failures++;
            }
            else
            {
                _time.Advance(answer.Headers.RetryAfter!.Delta!.Value);
            }
        }
    }

    private async Task<ChatServer> StartAsync(params string[] args) =>
        _server = await ChatServer.StartAsync(s => s.AddSingleton<TimeProvider>(_time), args);

    private static async Task<(HttpStatusCode, string)> AttemptAsync(ChatServer server, string email, string password)
    {
        var response = await PostAsync(server, email, password);
        return (response.StatusCode, await CodeAsync(response));
    }

    private static Task<HttpResponseMessage> PostAsync(ChatServer server, string email, string password) =>
        server.Http.PostAsJsonAsync("api/agents/sign-in", new { email, password });

    private static async Task<string> CodeAsync(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? "" : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
}
