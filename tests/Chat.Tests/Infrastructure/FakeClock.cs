using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Infrastructure;

/// <summary>Moving a server's fake clock on until something it waits for happens.</summary>
public static class FakeClock
{
    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="until"/>
    /// completes. Each step fires the server's due timers, whose work then runs on real threads;
    /// the next step waits a moment for that work (or for <paramref name="until"/>), so a timer
    /// is never asked to catch up on several periods at once.
    /// </summary>
    public static async Task<T> AdvanceUntilAsync<T>(this FakeTimeProvider time, Task<T> until, TimeSpan step, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!until.IsCompleted)
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Still waiting after moving the clock to {time.GetUtcNow():O}.");
            }

            time.Advance(step);
            await Task.WhenAny(until, Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        }

        return await until;
    }
}
