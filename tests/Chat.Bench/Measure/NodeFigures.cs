namespace Chat.Bench.Measure;

/// <summary>
/// How the runtime figures of several server nodes read as the figures of one server: what a
/// message cost in all, and the worst any node stood still. One node's figures stay as they are.
/// </summary>
public static class NodeFigures
{
    /// <summary>
    /// Collections, pauses, thread-pool samples and allocations add up (a message that crosses
    /// nodes costs on both); the longest pause is the longest on any node and the thread-pool
    /// delay the worst node's p99, since a p99 of p99s has no meaning and the slowest node
    /// is the one a message waits for.
    /// </summary>
    public static RuntimeFigures Combine(IReadOnlyList<RuntimeFigures> nodes)
    {
        if (nodes.Count == 0)
        {
            throw new ArgumentException("At least one node is needed.", nameof(nodes));
        }

        if (nodes.Count == 1)
        {
            return nodes[0];
        }

        var longest = Enumerable.Range(0, nodes.Count).MaxBy(i => nodes[i].Gc.PauseMaxMs);
        var gc = new GcFigures(
            nodes.Sum(n => n.Gc.Gen0),
            nodes.Sum(n => n.Gc.Gen1),
            nodes.Sum(n => n.Gc.Gen2),
            nodes.Sum(n => n.Gc.Pauses),
            nodes.Sum(n => n.Gc.PauseTotalMs),
            nodes[longest].Gc.PauseMaxMs,
            nodes[longest].Gc.Pauses == 0 ? GcFigures.None.LongestPause : $"{NodeName(longest)}: {nodes[longest].Gc.LongestPause}");
        return new RuntimeFigures(
            gc,
            nodes.Max(n => n.ThreadPoolDelayP99Ms),
            nodes.Sum(n => n.ThreadPoolSamples),
            nodes.Sum(n => n.AllocatedBytes),
            string.Join("; ", nodes.Select(n => n.GcSettings).Distinct(StringComparer.Ordinal)));
    }

    /// <summary>"node 1", "node 2" …: how the report names a node, by its index from 0.</summary>
    public static string NodeName(int index) => $"node {index + 1}";
}
