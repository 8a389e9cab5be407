using System.Diagnostics;
using System.Net.Sockets;
using Chat.Tests.Infrastructure.Provisioning;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's 'redis-server' package, installed on first use: see
/// <see cref="Provisioner"/>) on a free port, without persistence. Restarting it loses every
/// key, as a crash of a cache would.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string[] _args;
    private Process? _process;

    private RedisServer(int port, string[] args)
    {
        Port = port;
        _args = args;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(ProcessRunner.FreePort(), [], cancellationToken);

    /// <summary>A redis-server on <paramref name="port"/> with more settings: a cluster node, a replica, a sentinel.</summary>
    public static async Task<RedisServer> StartAsync(int port, string[] args, CancellationToken cancellationToken = default)
    {
        await Prerequisites.EnsureAsync(cancellationToken);
        var server = new RedisServer(port, args);
        await server.StartProcessAsync();
        return server;
    }

    public async Task StartProcessAsync()
    {
        // A sentinel's first argument is its config file, which it rewrites as it learns.
        string[] settings = ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
        var start = new ProcessStartInfo("redis-server", _args.FirstOrDefault()?.EndsWith(".conf", StringComparison.Ordinal) == true
            ? [_args[0], .. settings, .. _args.Skip(1)]
            : [.. settings, .. _args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            _process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is required for these tests: install the Debian package 'redis-server'.", e);
        }

        _process!.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await AcceptsAsync())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Kills Redis at once (SIGKILL) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
