using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Chat.Server.FirstRun;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Integration;

/// <summary>The first run as a new user meets it: the first admin's password, and a new one when it is lost.</summary>
public sealed partial class FirstRunTests
{
    [GeneratedRegex(@"password: (\S+)")]
    private static partial Regex PrintedPassword();

    [GeneratedRegex(@"^│   (\S+) +│$", RegexOptions.Multiline)]
    private static partial Regex NewPasswordLine();

    [Fact]
    public async Task The_first_admin_s_password_is_printed_in_a_box_and_signs_in()
    {
        var printed = new StringWriter();
        await using var server = await ChatServer.StartAsync(
            s => s.AddSingleton(new FirstRunNotice(printed)),
            "--Chat:Demo:AdminPassword=");

        var text = printed.ToString();
        Assert.Contains("┌", text, StringComparison.Ordinal);
        Assert.Contains("email:    admin@example.com", text, StringComparison.Ordinal);
        Assert.Contains("admin reset-password admin@example.com", text, StringComparison.Ordinal);
        var password = PrintedPassword().Match(text).Groups[1].Value;
        Assert.NotEmpty(password);
        await server.SignInAgentAsync(ChatServer.AdminEmail, password);
    }

    [Fact]
    public async Task A_box_has_every_line_the_same_width()
    {
        var lines = FirstRunNotice.Box(["short", "a much longer line", ""]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Reset_password_gives_a_new_password_that_signs_in_and_the_old_one_stops_working()
    {
        await using var server = await ChatServer.StartAsync();
        var stampBefore = await server.ScalarAsync<string>("SELECT security_stamp FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await ResetPasswordCommand.RunAsync(CommandArgs(server, "ADMIN@example.com"), output, errors, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Empty(errors.ToString());
        Assert.Contains("New password for admin@example.com:", output.ToString(), StringComparison.Ordinal);
        var password = NewPasswordLine().Match(output.ToString()).Groups[1].Value;
        await server.SignInAgentAsync(ChatServer.AdminEmail, password);
        var old = await server.Http.PostAsJsonAsync("api/agents/sign-in", new { email = ChatServer.AdminEmail, password = ChatServer.AdminPassword });
        Assert.NotEqual(HttpStatusCode.OK, old.StatusCode);
        // Every session signed in with the old password ends.
        Assert.NotEqual(stampBefore, await server.ScalarAsync<string>("SELECT security_stamp FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail }));
    }

    [Fact]
    public async Task Reset_password_for_an_unknown_email_or_without_one_changes_nothing_and_says_why()
    {
        await using var server = await ChatServer.StartAsync();
        var hashBefore = await server.ScalarAsync<string>("SELECT password_hash FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail });

        var unknown = new StringWriter();
        Assert.Equal(1, await ResetPasswordCommand.RunAsync(CommandArgs(server, "'; DROP TABLE agents; --@example.com"), new StringWriter(), unknown, CancellationToken.None));
        Assert.Contains("No agent has the email", unknown.ToString(), StringComparison.Ordinal);

        var usage = new StringWriter();
        Assert.Equal(2, await ResetPasswordCommand.RunAsync(["admin", "reset-password"], new StringWriter(), usage, CancellationToken.None));
        Assert.Contains("admin reset-password EMAIL", usage.ToString(), StringComparison.Ordinal);

        Assert.Equal(hashBefore, await server.ScalarAsync<string>("SELECT password_hash FROM agents WHERE email = @AdminEmail", new { ChatServer.AdminEmail }));
        await server.SignInAgentAsync();
    }

    /// <summary>The command as a person runs it beside the server: the same data folder and settings.</summary>
    private static string[] CommandArgs(ChatServer server, string email) =>
    [
        "admin", "reset-password", email,
        $"--contentRoot={RepoPaths.Server}",
        $"--Chat:DataDir={Path.GetDirectoryName(server.DatabasePath)}",
        "--Chat:SignIn:PasswordIterations=10000",
        "--Logging:LogLevel:Default=Warning",
    ];
}
