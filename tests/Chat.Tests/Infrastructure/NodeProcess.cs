using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// One server node as its own operating-system process, so a test can kill it with SIGKILL
/// mid-chat as a crashed machine would die.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private NodeProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<NodeProcess> StartAsync(IEnumerable<string> args)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "Chat.Server.dll");
        var start = new ProcessStartInfo("dotnet", [serverDll, "--urls=http://127.0.0.1:0", $"--contentRoot={RepoPaths.Server}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Server,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a server node.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(line);
            }

            var match = ListeningOn().Match(line);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The node exited:\n" + string.Join('\n', lines)));

        var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var node = new NodeProcess(process, url);
        lock (lines)
        {
            node._output.AddRange(lines);
        }

        return node;
    }

    /// <summary>A new visitor, made through this node's pre-chat form endpoint.</summary>
    public async Task<Visitor> NewVisitorAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "api/visitors", new { siteKey = ChatServer.SiteKey, name });
        response.EnsureSuccessStatusCode();
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        return new Visitor(body.GetProperty("token").GetString()!, body.GetProperty("customerId").GetString()!, name);
    }

    public Uri VisitorHubUrl(string token) =>
        new(BaseUrl, $"hubs/visitor?site={ChatServer.SiteKey}&access_token={Uri.EscapeDataString(token)}");

    /// <summary>Connects as the visitor's frame does: from this node's own origin.</summary>
    public Task<HubSession> ConnectVisitorAsync(Visitor visitor) =>
        HubSession.ConnectAsync(VisitorHubUrl(visitor.Token), new HubSessionOptions { Origin = BaseUrl.GetLeftPart(UriPartial.Authority) });

    /// <summary>Signs an agent in over the JSON endpoint and connects to the agents' hub with the cookie, as a program does.</summary>
    public async Task<HubSession> ConnectAgentAsync(string email = ChatServer.AdminEmail, string password = ChatServer.AdminPassword)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "api/agents/sign-in", new { email, password });
        response.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return await HubSession.ConnectAsync(new Uri(BaseUrl, "hubs/agent"), new HubSessionOptions { Cookie = cookie });
    }

    /// <summary>SIGKILL: no shutdown, no goodbyes, sockets dropped.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
