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
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        await Prerequisites.EnsureAsync(cancellationToken);
        var server = new RedisServer(ProcessRunner.FreePort());
        await server.StartProcessAsync();
        return server;
    }

    public async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo("redis-server", ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
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
