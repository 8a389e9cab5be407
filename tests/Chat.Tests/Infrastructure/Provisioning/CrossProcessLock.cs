namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>
/// A lock that two test processes on one machine (Chat.Tests and a benchmark, or two runs) both
/// see: an open file with no sharing, which .NET holds with flock(2) on Linux. The kernel drops it
/// when the process dies, so a killed run never leaves it held.
/// </summary>
public static class CrossProcessLock
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(250);

    public static async Task<IDisposable> AcquireAsync(string path, Action onWait, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // flock has no waiting form in .NET: look again shortly, until the holder is done.
                if (!waited)
                {
                    onWait();
                    waited = true;
                }

                await Task.Delay(Retry, cancellationToken);
            }
        }
    }
}
