using System.Data.Common;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace Chat.Server;

/// <summary>Failures of the database or Redis that outlived their resilience policy: the caller is told to try again.</summary>
public static class InfrastructureErrors
{
    public const string Code = "unavailable";
    public const string Sentence = "The chat service is briefly unavailable. Please try again in a moment.";

    public static bool IsInfrastructure(Exception e) =>
        e is BrokenCircuitException or TimeoutRejectedException or DbException or RedisException or TimeoutException or SocketException or IOException;
}
