using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using Chat.Bench.Measure;

namespace Chat.Bench.Hosting;

/// <summary>
/// A server under test in a child process (this program in its "serve" mode), so its CPU
/// time and working set are its own and not mixed with the load client's, and each side
/// has the whole per-process open-files limit for its sockets.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _commandLock = new(1, 1);
    private readonly Process _process;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly Queue<string> _tail = new();
    private readonly Task _pumps;

    private ServerProcess(Process process, string kind)
    {
        _process = process;
        Kind = kind;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public string Kind { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>CPU time the server has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public static async Task<ServerProcess> StartAsync(string kind, IEnumerable<string> serverArgs, TimeSpan maxLifetime, CancellationToken ct)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Always through the dotnet host, so the server runs with the server's own runtime
        // configuration (Chat.Server.runtimeconfig.json: server GC and whatever else the server
        // ships with), not the bench's, whose GC is set up for the load client.
        start.FileName = DotnetHost();
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(ServerRuntimeConfig());
        start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(kind);
        start.ArgumentList.Add(((int)maxLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        foreach (var arg in serverArgs)
        {
            start.ArgumentList.Add(arg);
        }

        // GC settings given to the bench through the environment (to try one for the load client)
        // would override the server's runtime configuration: they stay with the bench.
        foreach (var name in start.Environment.Keys.Where(IsGcSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = Process.Start(start) ?? throw new BenchFailedException($"Could not start the {kind} server.");
        var server = new ServerProcess(process, kind);
        try
        {
            var listening = await server.WaitForReplyAsync(ServeCommand.ListeningPrefix, StartTimeout, ct);
            server.BaseUrl = new Uri(listening.TrimEnd('/') + "/");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a measuring window in the server: its GC events, thread-pool delays and allocations count from now.</summary>
    public async Task OpenWindowAsync(CancellationToken ct)
    {
        await SendAsync(ServeCommand.WindowOpenCommand, ct);
        await WaitForReplyAsync(ServeCommand.WindowOpenedPrefix, CommandTimeout, ct);
    }

    /// <summary>Closes the window <see cref="OpenWindowAsync"/> opened and returns the server's runtime figures over it.</summary>
    public async Task<RuntimeFigures> CloseWindowAsync(CancellationToken ct)
    {
        await SendAsync(ServeCommand.WindowCloseCommand, ct);
        var reply = await WaitForReplyAsync(ServeCommand.WindowClosedPrefix, CommandTimeout, ct);
        return JsonSerializer.Deserialize<RuntimeFigures>(reply)
            ?? throw new BenchFailedException($"The {Kind} server had no measuring window open.");
    }

    /// <summary>Runs a full compacting collection in the server and returns its managed heap size afterwards.</summary>
    public async Task<long> CollectGarbageAsync(CancellationToken ct)
    {
        await SendAsync(ServeCommand.CollectCommand, ct);
        var reply = await WaitForReplyAsync(ServeCommand.CollectedPrefix, CommandTimeout, ct);
        return long.Parse(reply, CultureInfo.InvariantCulture);
    }

    private async Task SendAsync(string command, CancellationToken ct)
    {
        // Commands may come from the send loop and from set-up at once; the pipe takes one line at a time.
        await _commandLock.WaitAsync(ct);
        try
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), ct);
            await _process.StandardInput.FlushAsync(ct);
        }
        finally
        {
            _commandLock.Release();
        }
    }

    /// <summary>The dotnet host running this program, or the one beside the runtime when it runs from its apphost.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            return path;
        }

        // …/dotnet/shared/Microsoft.NETCore.App/10.0.x/ → …/dotnet/dotnet
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    private static string ServerRuntimeConfig()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "Chat.Server.runtimeconfig.json");
        return File.Exists(config) ? config : throw new BenchFailedException($"{config} is missing: build tests/Chat.Bench, which copies it from the server.");
    }

    private static bool IsGcSetting(string name) =>
        name.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_GC", StringComparison.OrdinalIgnoreCase);

    private async Task<string> WaitForReplyAsync(string prefix, TimeSpan timeout, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var line = await _replies.Reader.ReadAsync(wait.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..];
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException && !ct.IsCancellationRequested)
        {
            throw new BenchFailedException($"The {Kind} server did not answer '{prefix.Trim()}' in time. Its last output:{Environment.NewLine}{Tail()}", e);
        }
    }

    private async Task PumpAsync(StreamReader from)
    {
        while (await from.ReadLineAsync(CancellationToken.None) is { } line)
        {
            if (line.StartsWith("bench-", StringComparison.Ordinal))
            {
                _replies.Writer.TryWrite(line);
                continue;
            }

            lock (_tail)
            {
                _tail.Enqueue(line);
                if (_tail.Count > 40)
                {
                    _tail.Dequeue();
                }
            }
        }

        _replies.Writer.TryComplete();
    }

    /// <summary>The server's last lines of output, for the reader of a failure.</summary>
    public string Tail(int lines = 40)
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail.Skip(Math.Max(0, _tail.Count - lines)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Closing its standard input is the server's signal to stop.
            _process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
    }
}
