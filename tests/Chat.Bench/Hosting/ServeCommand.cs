using System.Globalization;
using System.Text.Json;
using Chat.Bench.Measure;
using Chat.Bench.Relay;
using Chat.Server;

namespace Chat.Bench.Hosting;

/// <summary>
/// The child side of <see cref="ServerProcess"/>: runs the chat server (exactly what
/// server/Program.cs runs) or the bare relay, says where it listens, and takes commands on
/// standard input. The end of standard input means the bench is gone, so the server stops too.
/// </summary>
public static class ServeCommand
{
    public const string ListeningPrefix = "bench-listening ";
    public const string CollectedPrefix = "bench-collected ";
    public const string CollectCommand = "collect";
    public const string WindowOpenCommand = "window-open";
    public const string WindowOpenedPrefix = "bench-window-opened";
    public const string WindowCloseCommand = "window-close";
    public const string WindowClosedPrefix = "bench-window-closed ";

    /// <summary>serve chat|relay max-seconds [server arguments]</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var kind, var maxSecondsText, .. var serverArgs]
            || !int.TryParse(maxSecondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var maxSeconds))
        {
            await Console.Error.WriteLineAsync("usage: serve chat|relay <max-seconds> [server arguments]".AsMemory(), CancellationToken.None);
            return BenchRunner.BadUsage;
        }

        var app = kind switch
        {
            "chat" => ChatApp.Build(serverArgs),
            "relay" => RelayApp.Build(serverArgs),
            _ => null,
        };
        if (app is null)
        {
            await Console.Error.WriteLineAsync($"Unknown server kind '{kind}'.".AsMemory(), CancellationToken.None);
            return BenchRunner.BadUsage;
        }

        // Listening before the server starts, so the first window finds the GC listener and probe running.
        var runtime = RuntimeRecorder.ThisProcess;
        using var lifetime = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
        await app.StartAsync(lifetime.Token);
        await Console.Out.WriteLineAsync((ListeningPrefix + app.Urls.First()).AsMemory(), lifetime.Token);
        await Console.Out.FlushAsync(lifetime.Token);

        var commands = Task.Run(() => ReadCommandsAsync(runtime, lifetime.Token), CancellationToken.None);
        await Task.WhenAny(commands, Task.Delay(Timeout.Infinite, lifetime.Token).ContinueWith(_ => { }, TaskScheduler.Default));

        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
        return BenchRunner.Ok;
    }

    private static async Task ReadCommandsAsync(RuntimeRecorder runtime, CancellationToken ct)
    {
        RuntimeWindow? window = null;
        while (await Console.In.ReadLineAsync(ct) is { } line)
        {
            switch (line)
            {
                case CollectCommand:
                    // Memory per connection is read after a full, compacting collection, so garbage
                    // waiting for the next GC is not counted as the connections' cost. The same
                    // collection settles the heap after set-up, before a measured window.
                    var heap = FullCollection.Run();
                    await ReplyAsync(CollectedPrefix + heap.ToString(CultureInfo.InvariantCulture), ct);
                    break;
                case WindowOpenCommand:
                    window = runtime.Open();
                    await ReplyAsync(WindowOpenedPrefix, ct);
                    break;
                case WindowCloseCommand:
                    // "null" without an open window: the bench reports that as a failure.
                    var figures = window is null ? null : await window.CloseAsync(ct);
                    window = null;
                    await ReplyAsync(WindowClosedPrefix + JsonSerializer.Serialize(figures), ct);
                    break;
            }
        }
    }

    private static async Task ReplyAsync(string line, CancellationToken ct)
    {
        await Console.Out.WriteLineAsync(line.AsMemory(), ct);
        await Console.Out.FlushAsync(ct);
    }
}
