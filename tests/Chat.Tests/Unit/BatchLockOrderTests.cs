using System.Diagnostics;
using Chat.Server.Conversations;

namespace Chat.Tests.Unit;

/// <summary>Two nodes' batches lock conversation rows in one order, and each conversation keeps its own order.</summary>
public sealed class BatchLockOrderTests
{
    private static readonly Author Visitor = new(SenderKinds.Visitor, "v1", "Ana");

    [Fact]
    public void A_batch_is_ordered_by_conversation_and_keeps_each_conversations_messages_in_arrival_order()
    {
        List<PendingMessage> batch = [Pending("c", "c-1"), Pending("a", "a-1"), Pending("c", "c-2"), Pending("b", "b-1"), Pending("a", "a-2"), Pending("c", "c-3")];

        MessageWriter.InLockOrder(batch);

        Assert.Equal(["a-1", "a-2", "b-1", "c-1", "c-2", "c-3"], batch.Select(p => p.ClientId));
    }

    private static PendingMessage Pending(string conversationId, string clientId) =>
        new(conversationId, Visitor, clientId, "text", null, default(ActivityContext));
}
