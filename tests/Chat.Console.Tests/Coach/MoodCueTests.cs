using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Coach;
using Chat.AgentConsole.Tests.Fakes;

namespace Chat.AgentConsole.Tests.Coach;

public sealed class MoodCueTests
{
    [Theory]
    [InlineData("This is ridiculous, where is my order")]
    [InlineData("This is the third time I ask about it")]
    [InlineData("I'm still waiting for a refund")]
    [InlineData("WHERE IS MY ORDER")]
    [InlineData("Hello?? Anyone there")]
    [InlineData("Das ist eine Frechheit")]
    [InlineData("Ich warte immer noch auf mein Paket")]
    [InlineData("Zum dritten Mal: wo ist meine Bestellung")]
    [InlineData("WO BLEIBT MEIN PAKET")]
    [InlineData("Schon wieder falsch geliefert!!")]
    public void An_upset_customer_is_noticed(string text) => Assert.NotNull(MoodCue.Detect(text));

    [Theory]
    [InlineData("Where is my order?")]
    [InlineData("Is it in stock? Thanks!")]
    [InlineData("I ordered a USB-C cable and an HDMI adapter")]
    [InlineData("Waiting for the bus, will check later")]
    [InlineData("Danke!")]
    [InlineData("Wann kommt mein Paket an?")]
    [InlineData("OK")]
    [InlineData("")]
    public void A_calm_customer_is_left_alone(string text) => Assert.Null(MoodCue.Detect(text));

    [Fact]
    public void An_upset_customer_raises_the_chats_urgency_one_step()
    {
        var calm = new ChatListItem(Sample.Summary("c1", "Carol", preview: "Where is my order?", waitingSince: Sample.Now.AddSeconds(-10)));
        var upset = new ChatListItem(Sample.Summary("c2", "Dan", preview: "This is the third time I ask!", waitingSince: Sample.Now.AddSeconds(-10)));
        var upsetLonger = new ChatListItem(Sample.Summary("c3", "Eve", preview: "Still waiting", waitingSince: Sample.Now.AddMinutes(-2)));
        var answered = new ChatListItem(Sample.Summary("c4", "Fay", preview: "This is ridiculous"));

        Assert.Equal(Urgency.Waiting, calm.UrgencyAt(Sample.Now));
        Assert.Equal(Urgency.Warn, upset.UrgencyAt(Sample.Now));
        Assert.Equal(Urgency.Urgent, upsetLonger.UrgencyAt(Sample.Now));
        Assert.Equal(Urgency.None, answered.UrgencyAt(Sample.Now));
        Assert.Null(answered.Mood);
    }
}
