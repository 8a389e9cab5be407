namespace Chat.Tests.Cluster.Storm;

/// <summary>
/// What one client shows of one conversation, kept by the delivery rules every client follows:
/// dedupe by client id, order by sequence, resync from the last contiguous sequence on a gap.
/// It also counts what the rules had to repair, so a test can see duplicates and disorder.
/// </summary>
public sealed class DeliveryView
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, string> _bySeq = [];
    private readonly Dictionary<string, long> _byClientId = new(StringComparer.Ordinal);

    /// <summary>The same client id arrived under two different sequence numbers: a real duplicate.</summary>
    public int Conflicts { get; private set; }

    /// <summary>The highest sequence with no gap below it: what to resync after.</summary>
    public long Contiguous
    {
        get
        {
            lock (_gate)
            {
                long last = 0;
                foreach (var seq in _bySeq.Keys)
                {
                    if (seq != last + 1)
                    {
                        break;
                    }

                    last = seq;
                }

                return last;
            }
        }
    }

    /// <summary>Takes a message; true when it leaves a gap, so the client should resync.</summary>
    public bool Apply(long seq, string clientId)
    {
        lock (_gate)
        {
            if (_byClientId.TryGetValue(clientId, out var known))
            {
                if (known != seq)
                {
                    Conflicts++;
                }

                return false;
            }

            _byClientId[clientId] = seq;
            if (!_bySeq.TryAdd(seq, clientId))
            {
                Conflicts++;
            }

            return seq > 1 && !_bySeq.ContainsKey(seq - 1);
        }
    }

    /// <summary>Client ids in the order the client shows them.</summary>
    public IReadOnlyList<string> Shown()
    {
        lock (_gate)
        {
            return [.. _bySeq.Values];
        }
    }
}
