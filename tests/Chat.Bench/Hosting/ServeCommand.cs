using System.Globalization;
using System.Runtime;
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

        using var lifetime = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
        await app.StartAsync(lifetime.Token);
        await Console.Out.WriteLineAsync((ListeningPrefix + app.Urls.First()).AsMemory(), lifetime.Token);
        await Console.Out.FlushAsync(lifetime.Token);

        var commands = Task.Run(() => ReadCommandsAsync(lifetime.Token), CancellationToken.None);
        await Task.WhenAny(commands, Task.Delay(Timeout.Infinite, lifetime.Token).ContinueWith(_ => { }, TaskScheduler.Default));

        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
        return BenchRunner.Ok;
    }

    private static async Task ReadCommandsAsync(CancellationToken ct)
    {
        while (await Console.In.ReadLineAsync(ct) is { } line)
        {
            if (line == CollectCommand)
            {
                // Memory per connection is read after a full, compacting collection, so garbage
                // waiting for the next GC is not counted as the connections' cost.
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                await Console.Out.WriteLineAsync((CollectedPrefix + GC.GetTotalMemory(forceFullCollection: false).ToString(CultureInfo.InvariantCulture)).AsMemory(), ct);
                await Console.Out.FlushAsync(ct);
            }
        }
    }
}
