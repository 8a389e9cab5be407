using System.Net;
using System.Net.Sockets;

namespace Chat.Bench.Load;

/// <summary>
/// Loopback source addresses 127.0.0.1 … 127.0.0.N for the client's sockets. Each source
/// address has its own ephemeral port range (about 28,000 ports here) toward the server, so a
/// few of them carry far more connections than one. ClientWebSocket cannot bind a local
/// address itself, so each address gets an HTTP handler whose connect callback binds it.
/// </summary>
public sealed class SourceAddresses : IDisposable
{
    private readonly SocketsHttpHandler[] _handlers;
    private int _next = -1;

    public SourceAddresses(int count)
    {
        if (count is < 1 or > 250)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "From 1 to 250 loopback source addresses.");
        }

        Addresses = [.. Enumerable.Range(1, count).Select(i => new IPAddress([127, 0, 0, (byte)i]))];
        _handlers = [.. Addresses.Select(Handler)];
    }

    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The next source address in turn, as an invoker for ClientWebSocket.</summary>
    public HttpMessageInvoker NextInvoker() => new(_handlers[NextIndex()], disposeHandler: false);

    /// <summary>An HTTP client from the first source address, for plain requests.</summary>
    public HttpClient HttpClient(Uri baseAddress) => new(_handlers[0], disposeHandler: false) { BaseAddress = baseAddress };

    private int NextIndex() => (int)((uint)Interlocked.Increment(ref _next) % (uint)_handlers.Length);

    private static SocketsHttpHandler Handler(IPAddress source) => new()
    {
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public void Dispose()
    {
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }
    }
}
