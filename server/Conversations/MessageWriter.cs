using System.Diagnostics;
using System.Threading.Channels;
using Chat.Server.Observability;
using Chat.Server.Storage;

namespace Chat.Server.Conversations;

/// <summary>
/// Group commit: the node's one writer of messages. Senders queue their message and wait; the
/// writer takes every message waiting at that moment, writes them in one transaction with one
/// durable commit (SQLite keeps <c>synchronous</c> FULL), then answers each sender. While one
/// batch commits the next gathers, so the batch grows with the load and a lone message still
/// goes at once. A batch that fails fails only its own senders, with nothing of it written.
/// </summary>
public sealed partial class MessageWriter : IAsyncDisposable
{
    /// <summary>Enough to make one commit carry a burst; small enough that one batch stays well inside a database timeout.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<PendingMessage> _pending = Channel.CreateUnbounded<PendingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Database _database;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<MessageWriter> _logger;
    private readonly Task _writing;
    private long _commits;
    private MessageAppender? _appender;

    public MessageWriter(Database database, ChatMetrics metrics, TimeProvider time, ILogger<MessageWriter> logger)
    {
        _database = database;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _writing = StartWriterThread();
    }

    /// <summary>Transactions committed since start: fewer than messages when senders shared them.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Returns once the message is committed, or the stored one when its client id was written
    /// before. <paramref name="ct"/> counts only until the message is queued: after that the
    /// wait is not cancelled, because the message will be committed whether or not its sender
    /// is still there, and the caller still has to tell everyone else (a sender whose
    /// connection dropped mid-commit would otherwise leave a stored message nobody heard of).
    /// </summary>
    /// <param name="assignedAgentId">For an agent's reply: the commit refuses it unless the chat is still theirs.</param>
    public Task<Appended> AppendAsync(string conversationId, Author author, string clientId, string text, CancellationToken ct, string? assignedAgentId = null)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new PendingMessage(conversationId, author, clientId, text, assignedAgentId, Activity.Current?.Context ?? default);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(MessageWriter), "The server is shutting down.");
        }

        return pending.Done.Task;
    }

    /// <summary>Commits what is already queued, then closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writing;
        if (_appender is not null)
        {
            await _appender.DisposeAsync();
        }
    }

    /// <summary>
    /// The writer runs on a thread of its own, not the pool's. On SQLite every step of a commit is
    /// synchronous (the inserts, the fsync, now and then a WAL checkpoint of many milliseconds), so
    /// under load the loop held one pool thread nearly all the time; with two cores the pool has
    /// two, and every hub call, every fan-out and every keep-alive queued behind the other one.
    /// On the server databases the thread only waits while the driver's I/O runs on the pool.
    /// </summary>
    private Task StartWriterThread()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Write();
                stopped.SetResult();
            }
            catch (Exception e)
            {
                stopped.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "Message writer",
        };
        thread.Start();
        return stopped.Task;
    }

    private void Write()
    {
        var reader = _pending.Reader;
        var batch = new List<PendingMessage>(MaxBatch);
        while (WaitForMessages(reader))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            InLockOrder(batch);

            try
            {
                // Completes on this thread on SQLite; blocks this thread, and only it, elsewhere.
                CommitAsync(batch).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                // The batch wrote nothing: only its own senders hear of it, and the loop goes on,
                // or every later sender would wait forever.
                LogBatchFailed(e, batch.Count);
                batch.ForEach(p => p.Done.TrySetException(e));
            }
        }
    }

    /// <summary>True when messages wait, false once the writer is closed and drained.</summary>
    private static bool WaitForMessages(ChannelReader<PendingMessage> reader)
    {
        var waiting = reader.WaitToReadAsync();
        return waiting.IsCompleted ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult();
    }

    private async Task CommitAsync(List<PendingMessage> batch)
    {
        using var span = ChatTracing.Commit(batch, static p => p.Trace);
        Outcome[] outcomes;
        try
        {
            outcomes = await CommitOnceAsync(batch);
        }
        catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
        {
            // Another node wrote one of these client ids between our check and our insert; the
            // whole transaction rolled back, and a second pass finds that message as stored.
            outcomes = await CommitOnceAsync(batch);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Appended is { } appended)
            {
                batch[i].Done.TrySetResult(appended);
            }
            else
            {
                batch[i].Done.TrySetException(outcomes[i].Error!);
            }
        }
    }

    /// <summary>
    /// One transaction for the whole batch, retried whole by the database's resilience pipeline.
    /// Only the writer's loop runs this, so the appender needs no lock.
    /// </summary>
    private Task<Outcome[]> CommitOnceAsync(List<PendingMessage> batch) =>
        _database.RunWithOwnConnectionAsync(async ct =>
        {
            try
            {
                _appender ??= await MessageAppender.OpenAsync(_database, ct);
                return await WriteBatchAsync(_appender, batch, ct);
            }
            catch
            {
                // The connection may be broken or mid-transaction: the next attempt starts on a new one.
                var broken = _appender;
                _appender = null;
                if (broken is not null)
                {
                    await broken.DisposeAsync();
                }

                throw;
            }
        }, CancellationToken.None);

    private async Task<Outcome[]> WriteBatchAsync(MessageAppender appender, List<PendingMessage> batch, CancellationToken ct)
    {
        await appender.BeginAsync(ct);
        var outcomes = await appender.AppendAllAsync(batch, _time.NowMs(), ct);
        await appender.CommitAsync(ct);
        Interlocked.Increment(ref _commits);
        var stored = outcomes.Count(o => o.Appended is { Duplicate: false });
        if (stored > 0)
        {
            // A batch of retries and refusals only wrote nothing: it is no commit of messages.
            _metrics.Committed(Senders(outcomes, stored));
        }

        return outcomes;
    }

    private static string[] Senders(Outcome[] outcomes, int stored)
    {
        var senders = new string[stored];
        var next = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Appended is { Duplicate: false } appended)
            {
                senders[next++] = appended.Message.Sender;
            }
        }

        return senders;
    }

    /// <summary>
    /// Orders a batch by conversation, keeping each conversation's messages in the order they
    /// came. Every node then locks conversation rows in the same order, so two nodes' batches
    /// (a visitor writing on one, their agent on the other) cannot deadlock in the database.
    /// </summary>
    internal static void InLockOrder(List<PendingMessage> batch)
    {
        if (batch.Count < 2)
        {
            return;
        }

        var ordered = batch.Select((pending, arrival) => (pending, arrival))
            .OrderBy(p => p.pending.ConversationId, StringComparer.Ordinal)
            .ThenBy(p => p.arrival)
            .Select(p => p.pending)
            .ToList();
        batch.Clear();
        batch.AddRange(ordered);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "A batch of {Count} messages could not be committed; its senders were told to try again")]
    private partial void LogBatchFailed(Exception e, int count);

}

/// <summary>A message waiting for the next group commit.</summary>
/// <param name="AssignedAgentId">For an agent's reply, the agent the chat must still be assigned to at the commit.</param>
/// <param name="Trace">The sender's trace, which the batch's commit span joins.</param>
internal sealed record PendingMessage(string ConversationId, Author Author, string ClientId, string Text, string? AssignedAgentId, ActivityContext Trace)
{
    public TaskCompletionSource<Appended> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// A committed message, with what the commit learnt of its conversation at that moment: its
/// agent and customer (who hears of it), and for an agent's first reply, when the chat began.
/// A duplicate (a retried client id) carries only the stored message.
/// </summary>
public sealed record Appended(MessageRow Message, bool Duplicate, string? AgentId, string? CustomerId, bool FirstReply, long ConversationCreatedAt);
