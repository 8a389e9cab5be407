using System.Net;
using System.Net.Sockets;

namespace Chat.Server.Webhooks;

/// <summary>
/// No SSRF into the shop's (or our own) network: a webhook may go only to a public address
/// unless an admin allowed private ones for that endpoint. The URL is checked when it is saved,
/// and every address is checked again when a delivery connects, after DNS, so a name that later
/// points inward (DNS rebinding) is refused too.
/// </summary>
public static class WebhookTargets
{
    public const int MaxUrlLength = 2000;

    public static string ValidateUrl(string? url, bool allowPrivate)
    {
        var text = url?.Trim() ?? "";
        if (text.Length is 0 or > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ChatRuleException("webhook_url_invalid", "A webhook URL is an absolute http(s) address without user name, password or #fragment.");
        }

        if (!allowPrivate && (uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var address) && IsPrivate(address))
            || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".local", StringComparison.OrdinalIgnoreCase)))
        {
            throw PrivateRefused();
        }

        return uri.AbsoluteUri;
    }

    public static ChatRuleException PrivateRefused() => new("webhook_url_private",
        "This address is in a loopback, link-local or private range. Allow private addresses for this webhook if the receiver really is inside your network.");

    /// <summary>Loopback, link-local, private, shared (CGNAT), unspecified, multicast and reserved ranges, in IPv4 and IPv6.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,
                169 => b[1] == 254,
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,
                _ => false,
            };
        }

        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || address.Equals(IPAddress.IPv6Any);
    }

    /// <summary>
    /// Connects as <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host and connects
    /// only to an address the endpoint may reach.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"Refused: {host} resolves only to private or loopback addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
