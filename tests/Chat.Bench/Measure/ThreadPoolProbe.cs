using System.Diagnostics;

namespace Chat.Bench.Measure;

/// <summary>
/// How long work waits in the thread pool's queue before a thread picks it up: while a window
/// is open, a thread of its own (so a busy pool cannot delay the posting) queues a tiny work
/// item every few milliseconds and the item notes how long it waited. After a GC pause or
/// under a backlog, that wait is what every message, timer and socket callback waits too.
/// </summary>
public sealed class ThreadPoolProbe : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private Window? _window;

    public ThreadPoolProbe()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "thread-pool probe" };
        _thread.Start();
    }

    /// <summary>Starts a fresh set of samples.</summary>
    public void Begin() => Volatile.Write(ref _window, new Window());

    /// <summary>
    /// The samples since <see cref="Begin"/>, in milliseconds, once the items still queued have
    /// run (they are the ones that waited longest) or <paramref name="patience"/> has passed.
    /// The probe goes quiet until the next window.
    /// </summary>
    public async Task<Latencies> EndAsync(TimeSpan patience, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _window, null) is not { } window)
        {
            return new Latencies();
        }

        window.End();
        await window.Drained.WaitAsync(patience, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        return window.Samples;
    }

    private void Run()
    {
        // A sleeping thread, not a timer: timers fire on the thread pool, so a backlog would delay the posting itself.
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
        {
            if (Volatile.Read(ref _window) is { } window)
            {
                window.Post();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private sealed class Window
    {
        private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _queued;
        private int _ended;

        public Latencies Samples { get; } = new();

        public Task Drained => _drained.Task;

        public void Post()
        {
            Interlocked.Increment(ref _queued);
            ThreadPool.UnsafeQueueUserWorkItem(new Probe(this, Stopwatch.GetTimestamp()), preferLocal: false);
        }

        public void End()
        {
            Volatile.Write(ref _ended, 1);
            if (Volatile.Read(ref _queued) == 0)
            {
                _drained.TrySetResult();
            }
        }

        private void Ran(long queuedAt)
        {
            Samples.Add(Stopwatch.GetElapsedTime(queuedAt).TotalMilliseconds);
            if (Interlocked.Decrement(ref _queued) == 0 && Volatile.Read(ref _ended) == 1)
            {
                _drained.TrySetResult();
            }
        }

        private sealed class Probe(Window window, long queuedAt) : IThreadPoolWorkItem
        {
            public void Execute() => window.Ran(queuedAt);
        }
    }
}
