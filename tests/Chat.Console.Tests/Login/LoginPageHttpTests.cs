using System.Net;
using System.Text.RegularExpressions;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Login;

/// <summary>
/// The login page needs a real HTTP request (it writes the sign-in cookie), so it is driven
/// over HTTP against a small host wired the way the server wires the console.
/// </summary>
public sealed partial class LoginPageHttpTests : IAsyncLifetime
{
    private readonly FakeConsolePort port = new();
    private readonly CookieContainer cookies = new();
    private WebApplication? app;
    private HttpClient client = default!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IConsolePort>(port);
        builder.Services.AddAuthentication(ConsoleAuth.Scheme)
            .AddCookie(ConsoleAuth.Scheme, o => o.LoginPath = ConsoleAuth.LoginPath);
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        await app.StartAsync();

        client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(app.Urls.First()),
        };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_console_sends_strangers_to_the_login_page()
    {
        using var response = await client.GetAsync(new Uri("/console", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/console/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_saying_which_field_and_forgets_the_password()
    {
        using var response = await PostLoginAsync("/console/login", port.Agent.Email, "not-it");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Email or password is wrong.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_opens_the_console_with_the_agent_named()
    {
        using var response = await PostLoginAsync("/console/login", port.Agent.Email, "secret");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Local("/console"), Resolved(response));

        using var console = await client.GetAsync(new Uri("/console", UriKind.Relative));
        var html = await console.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains(port.Agent.Name, html, StringComparison.Ordinal);
        Assert.Contains("action=\"/console/logout\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/console/login?returnUrl=%2F%2Fevil.test%2F", "/console")]
    [InlineData("/console/login?returnUrl=https%3A%2F%2Fevil.test%2F", "/console")]
    [InlineData("/console/login?returnUrl=%2Fconsole%3Fx%3D1", "/console?x=1")]
    public async Task Only_local_return_addresses_are_followed(string loginUrl, string expected)
    {
        using var response = await PostLoginAsync(loginUrl, port.Agent.Email, "secret");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Local(expected), Resolved(response));
    }

    private Uri Local(string path) => new(client.BaseAddress!, path);

    // Blazor writes absolute redirects; what matters is that they stay on this site.
    private Uri Resolved(HttpResponseMessage response) => new(client.BaseAddress!, response.Headers.Location!);

    private async Task<HttpResponseMessage> PostLoginAsync(string loginUrl, string email, string password)
    {
        var page = await client.GetStringAsync(new Uri(loginUrl, UriKind.Relative));
        var fields = HiddenInputs().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields[NameOf(page, "login-email")] = email;
        fields[NameOf(page, "login-password")] = password;

        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(loginUrl, UriKind.Relative), form);
    }

    // Field names come from the page itself, so the test does not depend on how Blazor spells them.
    private static string NameOf(string page, string testId)
    {
        var input = Regex.Match(page, $"<input[^>]*data-testid=\"{testId}\"[^>]*>").Value;
        return WebUtility.HtmlDecode(Regex.Match(input, "name=\"(?<n>[^\"]+)\"").Groups["n"].Value);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInputs();
}
