using System.Net;
using Microsoft.Extensions.Options;

namespace Chat.Server.Limits;

/// <summary>
/// The limits visitors meet: new conversations per IP address and messages per visitor, each
/// per minute. A refusal is a <see cref="ChatRuleException"/> with the code <c>rate_limited</c>,
/// thrown before anything is stored.
/// </summary>
public sealed class RateLimits(IRateLimiter limiter, IOptions<ChatOptions> options)
{
    public const string Code = "rate_limited";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public async Task NewConversationAsync(IPAddress? address, CancellationToken ct)
    {
        // Behind a proxy every visitor shares its address unless forwarded headers are configured.
        var key = $"limit:conversations:{address?.ToString() ?? "unknown"}";
        if (!await limiter.TryAcquireAsync(key, options.Value.Limits.ConversationsPerIpPerMinute, Minute, ct))
        {
            throw new ChatRuleException(Code, "Too many new chats from your network in a short time. Please wait a minute and try again.");
        }
    }

    public async Task MessageAsync(string customerId, CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync($"limit:messages:{customerId}", options.Value.Limits.MessagesPerVisitorPerMinute, Minute, ct))
        {
            throw new ChatRuleException(Code, "You are sending messages very quickly. Please wait a moment; your message is kept and you can send it again.");
        }
    }
}
