namespace Chat.Server.Webhooks;

/// <summary>Wakes the sender when a delivery is recorded, so the first attempt goes at once rather than at the next look.</summary>
internal sealed class WebhookSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
