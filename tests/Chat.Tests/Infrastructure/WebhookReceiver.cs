using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Infrastructure;

/// <summary>One request as the receiver saw it, and what it answered.</summary>
public sealed record WebhookHit(int Attempt, string EventId, string EventType, string Signature, string Body, int Answered)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A shop's webhook receiver: a real Kestrel server on 127.0.0.1 that answers each request as the
/// test decides (a status, after a delay), and keeps every request it got.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<WebhookHit> _hits = Channel.CreateUnbounded<WebhookHit>();
    private readonly List<WebhookHit> _all = [];
    private int _attempts;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>How to answer the n-th request (1-based): a status, after an optional delay.</summary>
    public Func<int, WebhookHit, (int Status, TimeSpan Delay)> Answer { get; set; } = (_, _) => (200, TimeSpan.Zero);

    public string Url => _app.Urls.First().TrimEnd('/') + "/hook";

    public IReadOnlyList<WebhookHit> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next request the receiver answered with a success, within the timeout.</summary>
    public async Task<WebhookHit> NextAcceptedAsync(Func<WebhookHit, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var hit = await _hits.Reader.ReadAsync(cts.Token);
            if (hit.Answered is >= 200 and < 300 && (match?.Invoke(hit) ?? true))
            {
                return hit;
            }
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var attempt = Interlocked.Increment(ref _attempts);
        var seen = new WebhookHit(attempt, http.Request.Headers["Chat-Delivery"].ToString(), http.Request.Headers["Chat-Event"].ToString(),
            http.Request.Headers["Chat-Signature"].ToString(), body, 0);
        var (status, delay) = Answer(attempt, seen);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, CancellationToken.None);
        }

        var hit = seen with { Answered = status };
        lock (_all)
        {
            _all.Add(hit);
        }

        _hits.Writer.TryWrite(hit);
        http.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
