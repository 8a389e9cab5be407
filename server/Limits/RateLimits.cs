using System.Net;
using Microsoft.Extensions.Options;

namespace Chat.Server.Limits;

/// <summary>
/// The limits visitors meet: new visitors and new conversations per IP address, and messages
/// per visitor, each per minute. A refusal is a <see cref="ChatRuleException"/> with the code <c>rate_limited</c>,
/// thrown before anything is stored.
/// </summary>
public sealed class RateLimits(IRateLimiter limiter, IOptions<ChatOptions> options)
{
    public const string Code = "rate_limited";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>Each pre-chat form or identify makes a customer row: one address cannot fill the database with them.</summary>
    public async Task NewVisitorAsync(IPAddress? address, CancellationToken ct)
    {
        var key = $"limit:visitors:{address?.ToString() ?? "unknown"}";
        if (!await limiter.TryAcquireAsync(key, options.Value.Limits.VisitorsPerIpPerMinute, Minute, ct))
        {
            throw new ChatRuleException(Code, "Too many new visitors from your network in a short time. Please wait a minute and try again.");
        }
    }

    public async Task NewConversationAsync(IPAddress? address, CancellationToken ct)
    {
        // Behind a proxy every visitor shares its address unless forwarded headers are configured.
        var key = $"limit:conversations:{address?.ToString() ?? "unknown"}";
        if (!await limiter.TryAcquireAsync(key, options.Value.Limits.ConversationsPerIpPerMinute, Minute, ct))
        {
            throw new ChatRuleException(Code, "Too many new chats from your network in a short time. Please wait a minute and try again.");
        }
    }

    /// <summary>Whether a typing preview may go on; past the limit it is dropped, never refused, since nobody should see an error for typing.</summary>
    public ValueTask<bool> TypingAsync(string customerId, CancellationToken ct) =>
        limiter.TryAcquireAsync($"limit:typing:{customerId}", options.Value.Limits.TypingPerVisitorPerMinute, Minute, ct);

    /// <summary>Whether a page report may be stored; past the limit it is dropped.</summary>
    public ValueTask<bool> PageReportAsync(string customerId, CancellationToken ct) =>
        limiter.TryAcquireAsync($"limit:pages:{customerId}", options.Value.Limits.PageReportsPerVisitorPerMinute, Minute, ct);

    public async Task MessageAsync(string customerId, CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync($"limit:messages:{customerId}", options.Value.Limits.MessagesPerVisitorPerMinute, Minute, ct))
        {
            throw new ChatRuleException(Code, "You are sending messages very quickly. Please wait a moment; your message is kept and you can send it again.");
        }
    }
}
