using System.Net.Http.Headers;
using System.Text;
using Chat.AgentConsole.Port;
using Chat.Server.Agents;
using Chat.Server.Audit;
using Chat.Server.Email;
using Microsoft.Extensions.Options;

namespace Chat.Server.Webhooks;

/// <summary>
/// Sends the outbox: each due delivery, signed, with a timeout; a 2xx answer delivers it, anything
/// else is retried with growing, jittered waits until a day has passed. The receiver may see an
/// event more than once (its answer lost, a timeout), always with the same id, so it dedupes by
/// id; after a 2xx it is never sent again. An endpoint that has failed for a whole day is disabled,
/// the audit log says so, and the site's admins get an email.
/// </summary>
internal sealed partial class WebhookSender(
    WebhookDeliveryStore deliveries, WebhookEndpointStore endpoints, WebhookSignal signal, AuditLog audit,
    AgentStore agents, EmailQueue email,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger) : BackgroundService
{
    private const int Batch = 50;

    /// <summary>How long a claimed attempt is ours; past it (a node died mid-attempt) another node tries again.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Waits after the 1st, 2nd … failure; the last repeats until the day is over.</summary>
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
    ];

    private readonly HttpClient _public = Client(allowPrivate: false);
    private readonly HttpClient _private = Client(allowPrivate: true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await SendDueAsync(stoppingToken))
                {
                    await WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Until a new delivery wakes us, or a second on the clock has passed for retries that came due.</summary>
    private async Task WaitAsync(CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = signal.WaitAsync(Timeout.InfiniteTimeSpan, either.Token);
        var tick = Task.Delay(TimeSpan.FromSeconds(1), time, either.Token);
        await Task.WhenAny(woken, tick);
        await either.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    public override void Dispose()
    {
        _public.Dispose();
        _private.Dispose();
        base.Dispose();
    }

    /// <returns>True when something was delivered: the next event of that conversation may be due now.</returns>
    private async Task<bool> SendDueAsync(CancellationToken ct)
    {
        var due = await deliveries.DueAsync(time.NowMs(), Batch, ct);
        var delivered = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (row, token) =>
        {
            if (await deliveries.ClaimAsync(row, time.NowMs() + (long)Lease.TotalMilliseconds, token) && await AttemptAsync(row, token))
            {
                Interlocked.Increment(ref delivered);
            }
        });
        return delivered > 0;
    }

    private async Task<bool> AttemptAsync(WebhookDeliveryRow row, CancellationToken ct)
    {
        var endpoint = await endpoints.FindAsync(row.EndpointId, ct);
        if (endpoint is null || endpoint.DisabledAt is not null)
        {
            return false;
        }

        int? code = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(row.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(endpoint.Secret, time.GetUtcNow().ToUnixTimeSeconds(), row.Payload));
            request.Headers.Add("Chat-Event", row.EventType);
            request.Headers.Add("Chat-Delivery", row.EventId);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Chat-Webhooks", "1"));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = await (endpoint.AllowPrivate == 1 ? _private : _public).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await deliveries.RecordAsync(row.Id, DeliveryStatus.Delivered, time.NowMs(), null, code, null, CancellationToken.None);
                await endpoints.SucceededAsync(endpoint.Id, CancellationToken.None);
                return true;
            }

            error = $"Answered {code}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"No answer within {options.Value.TimeoutSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            error = e.InnerException?.Message is { } inner ? $"{e.Message} ({inner})" : e.Message;
        }

        await FailedAsync(row, endpoint, code, error, CancellationToken.None);
        return false;
    }

    private async Task FailedAsync(WebhookDeliveryRow row, WebhookEndpointRow endpoint, int? code, string error, CancellationToken ct)
    {
        var now = time.NowMs();
        var giveUpAfter = (long)TimeSpan.FromHours(options.Value.GiveUpAfterHours).TotalMilliseconds;
        var wait = Backoff[(int)Math.Min(row.Attempts, Backoff.Length - 1)];
        // Jitter, so endpoints that failed together are not all retried in the same second.
        var next = now + (long)(wait.TotalMilliseconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
        var givenUp = now - row.CreatedAt >= giveUpAfter;
        await deliveries.RecordAsync(row.Id, givenUp ? DeliveryStatus.Failed : DeliveryStatus.Pending, now, givenUp ? null : next, code, Truncate(error), ct);
        var failingSince = await endpoints.FailedAsync(endpoint.Id, now, ct);
        // A delivery given up after a day of failures means the endpoint failed all that time, even if
        // its first failure came a little after the delivery was made (failing_since starts later).
        if ((givenUp || now - failingSince >= giveUpAfter)
            && await endpoints.SetDisabledAsync(endpoint.Id, now, "The endpoint was disabled after failing for a day.", ct))
        {
            LogDisabled(logger, endpoint.Id, endpoint.Url);
            await audit.RecordAsync(AuditActor.Server, AuditActions.WebhookDisabled, [endpoint.SiteId], "webhook", endpoint.Id,
                $"{endpoint.Url}: failing since {Clock.FromMs(failingSince):yyyy-MM-dd HH:mm} UTC, last: {Truncate(error)}", ct);
            await TellAdminsAsync(endpoint, failingSince, now, error, ct);
        }
    }

    /// <summary>Only the node that disabled it gets here, and the dedupe key makes a retry of this step send nothing twice.</summary>
    private async Task TellAdminsAsync(WebhookEndpointRow endpoint, long failingSince, long disabledAt, string error, CancellationToken ct)
    {
        var body =
            $"""
            The webhook to {endpoint.Url} has failed since {Clock.FromMs(failingSince):yyyy-MM-dd HH:mm} UTC and was turned off. The last answer: {Truncate(error)}

            Events are no longer sent to it. Once the receiver works again, turn the webhook on and retry its deliveries in the console:
            """;
        foreach (var admin in await agents.AdminsOfSiteAsync(endpoint.SiteId, ct))
        {
            await email.QueueAdminNoticeAsync(endpoint.SiteId, admin.Email, "a webhook was turned off", body, "console/admin/webhooks",
                $"webhook-disabled:{endpoint.Id}:{disabledAt}:{admin.Id}", ct);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 299), "…");

    private static HttpClient Client(bool allowPrivate) => new(new SocketsHttpHandler
    {
        // A redirect would be a way around the address check, and a receiver has no reason to send one.
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, ct) => WebhookTargets.ConnectAsync(context, allowPrivate, ct),
    })
    {
        // Each attempt has its own timeout (options); this only stops the client's own default from cutting in.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    [LoggerMessage(EventId = 4611, Level = LogLevel.Error, Message = "Sending webhooks failed")]
    private static partial void LogFailed(ILogger logger, Exception e);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} ({Url}) failed for a day and was disabled")]
    private static partial void LogDisabled(ILogger logger, string endpointId, string url);
}
