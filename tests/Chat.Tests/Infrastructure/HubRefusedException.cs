using System.Net;

namespace Chat.Tests.Infrastructure;

/// <summary>The server refused the connection before the WebSocket upgrade, with this HTTP status.</summary>
public sealed class HubRefusedException(HttpStatusCode status, Exception inner) : Exception($"Connection refused with {(int)status}", inner)
{
    public HttpStatusCode Status { get; } = status;
}
