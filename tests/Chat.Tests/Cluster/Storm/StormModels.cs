namespace Chat.Tests.Cluster.Storm;

/// <param name="Conversations">How many visitor–agent conversations run at once.</param>
/// <param name="MessagesPerSide">How many messages each visitor and each agent send per conversation.</param>
/// <param name="Agents">How many agents share the conversations.</param>
/// <param name="DropEvery">How often a round of random socket drops happens.</param>
/// <param name="DropShare">The share of live sockets dropped in each round, on both sides.</param>
/// <param name="Seed">Makes the choice of nodes and drops repeatable.</param>
/// <param name="SiteKey">The site every visitor opens the widget of.</param>
public sealed record StormOptions(int Conversations, int MessagesPerSide, int Agents, TimeSpan DropEvery, double DropShare, TimeSpan Limit, string SiteKey, int Seed = 7)
{
    public static StormOptions Quick(string siteKey) =>
        new(Conversations: 20, MessagesPerSide: 25, Agents: 4, DropEvery: TimeSpan.FromSeconds(1), DropShare: 0.2, Limit: TimeSpan.FromMinutes(3), SiteKey: siteKey);
}

/// <summary>What was sent, stored and shown, and every way they disagree.</summary>
public sealed record StormResult(
    int Conversations,
    int Acknowledged,
    int Stored,
    int Lost,
    int Duplicated,
    int Reordered,
    int Drops,
    TimeSpan Elapsed)
{
    public string SummaryLine =>
        $"storm conversations={Conversations} messages={Acknowledged} lost={Lost} duplicated={Duplicated} reordered={Reordered}";
}

/// <summary>A stored message as the database has it.</summary>
public sealed record StoredMessage(string ConversationId, long Seq, string ClientId);

/// <summary>An agent's sign-in.</summary>
public sealed record AgentLogin(string Email, string Password);
