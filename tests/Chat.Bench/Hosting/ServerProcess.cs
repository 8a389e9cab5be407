using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Chat.Bench.Hosting;

/// <summary>
/// A server under test in a child process (this program in its "serve" mode), so its CPU
/// time and working set are its own and not mixed with the load client's, and each side
/// has the whole per-process open-files limit for its sockets.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
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
        // Run by `dotnet Chat.Bench.dll` or by the apphost `dotnet run` starts: start the child the same way.
        var host = Environment.ProcessPath ?? "dotnet";
        start.FileName = host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(kind);
        start.ArgumentList.Add(((int)maxLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        foreach (var arg in serverArgs)
        {
            start.ArgumentList.Add(arg);
        }

        // The server ships with server GC on (the Web SDK's default, see Chat.Server.runtimeconfig.json);
        // this program is a plain console app, so its child is told the same.
        start.Environment["DOTNET_gcServer"] = "1";
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

    /// <summary>Runs a full compacting collection in the server and returns its managed heap size afterwards.</summary>
    public async Task<long> CollectGarbageAsync(CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync(ServeCommand.CollectCommand.AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
        var reply = await WaitForReplyAsync(ServeCommand.CollectedPrefix, TimeSpan.FromSeconds(60), ct);
        return long.Parse(reply, CultureInfo.InvariantCulture);
    }

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
