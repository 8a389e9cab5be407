namespace Chat.Bench.Load;

/// <summary>A visitor and an agent in one conversation, each on their own connection.</summary>
public sealed record Pair(int Index, Peer Visitor, Peer Agent) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Visitor.DisposeAsync();
        await Agent.DisposeAsync();
    }
}
