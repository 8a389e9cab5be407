using System.Net;

namespace Chat.Server.Observability;

/// <summary>
/// Who may read /metrics: the configured addresses and networks; by default loopback only, or
/// anyone on the metrics port when one is set (that port is the restriction). Behind a proxy
/// every request comes from the proxy's address, so there give /metrics a port of its own.
/// </summary>
public sealed class MetricsAccess
{
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[]? _allowed;

    private MetricsAccess(IPNetwork[]? allowed) => _allowed = allowed;

    /// <summary>Reads the settings; throws with the entry that is wrong, so a typo stops the start instead of opening /metrics.</summary>
    public static MetricsAccess From(MetricsOptions options)
    {
        if (options.Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Chat:Metrics:Port {options.Port} is not a port (1 to 65535).");
        }

        if (options.AllowedAddresses.Count == 0)
        {
            return new MetricsAccess(options.Port is null ? Loopback : null);
        }

        return new MetricsAccess([.. options.AllowedAddresses.Select(Parse)]);
    }

    public bool Allows(IPAddress? remote)
    {
        if (_allowed is null)
        {
            return true;
        }

        if (remote is null)
        {
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return _allowed.Any(n => n.Contains(address));
    }

    private static IPNetwork Parse(string entry)
    {
        var text = entry.Trim();
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new InvalidOperationException($"Chat:Metrics:AllowedAddresses: '{entry}' is not an IP address or a network like 10.0.0.0/8.");
    }
}
