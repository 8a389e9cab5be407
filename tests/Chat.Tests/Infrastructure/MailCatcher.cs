using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a real port of 127.0.0.1 that keeps every
/// email it accepts. It can be stopped and started again on the same port, as a mail server
/// that goes down and comes back.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly List<MimeMessage> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    private MailCatcher(int port) => Port = port;

    public int Port { get; }

    /// <summary>Server arguments that send this server's mail here, plus a short check interval for tests.</summary>
    public string[] ServerArgs(params string[] extra) =>
    [
        "--Chat:Email:Host=127.0.0.1",
        $"--Chat:Email:Port={Port}",
        "--Chat:Email:Tls=None",
        "--Chat:Email:From=chat@shop.test",
        "--Chat:Email:ReplyDomain=reply.shop.test",
        "--Chat:Email:CheckSeconds=0.1",
        "--Chat:Email:AnswerGraceSeconds=0",
        .. extra,
    ];

    public IReadOnlyList<MimeMessage> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static MailCatcher Create() => new(FreePort());

    public static async Task<MailCatcher> StartAsync()
    {
        var catcher = Create();
        await catcher.StartListeningAsync();
        return catcher;
    }

    public async Task StartListeningAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail.test")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        // Listening once a connection is taken.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    public async Task StopListeningAsync()
    {
        if (_server is null)
        {
            return;
        }

        _stop!.Cancel();
        _server.Shutdown();
        try
        {
            await _running!;
            await _server.ShutdownTask;
        }
        catch (OperationCanceledException)
        {
        }

        _server = null;
    }

    /// <summary>Waits until <paramref name="count"/> emails matching <paramref name="match"/> have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Received.Where(m => match is null || match(m)).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} emails, got {found.Count} of {Received.Count}: {string.Join(" | ", Received.Select(m => m.Subject))}");
            }
        }
    }

    public async Task<MimeMessage> WaitForOneAsync(Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null) =>
        (await WaitForAsync(1, match, timeout))[0];

    public async ValueTask DisposeAsync() => await StopListeningAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(MailCatcher catcher) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, SmtpServer.IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            lock (catcher._received)
            {
                catcher._received.Add(message);
            }

            catcher._arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
