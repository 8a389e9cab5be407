using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Emoji;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Emoji;

/// <summary>Emoji in the console's composer: the picker, and <c>:smile:</c> shortcodes as the agent types.</summary>
public sealed class EmojiTests : BunitContext
{
    private readonly FakeConsolePort port = new();

    public EmojiTests()
    {
        Services.AddSingleton<IConsolePort>(port);
    }

    private IRenderedComponent<Composer> RenderComposer() =>
        Render<Composer>(ps => ps
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.ConversationId, "c1")
            .Add(p => p.CustomerName, "Carol Customer")
            .Add(p => p.Drafts, new Drafts()));

    private static string Text(IRenderedComponent<Composer> cut) => cut.Find("[data-testid=composer]").GetAttribute("value") ?? "";

    [Theory]
    [InlineData("Thanks :smile:", "Thanks 😄")]
    [InlineData(":thumbsup: :+1: :tada:", "👍 👍 🎉")]
    [InlineData("Open 10:30:45 daily", "Open 10:30:45 daily")]
    [InlineData("See https://shop.test/a:b:c and :nosuchname:", "See https://shop.test/a:b:c and :nosuchname:")]
    [InlineData(":SMILE: <script>:smile:</script>", ":SMILE: <script>😄</script>")]
    public void Known_shortcodes_become_emoji_and_nothing_else_changes(string typed, string expected) =>
        Assert.Equal(expected, Shortcodes.Replace(typed));

    [Fact]
    public async Task A_shortcode_typed_in_the_composer_is_sent_as_the_emoji()
    {
        var cut = RenderComposer();

        cut.Find("[data-testid=composer]").Input("Your parcel is on its way :truck:");
        Assert.Equal("Your parcel is on its way 🚚", Text(cut));
        await cut.Find("[data-testid=send]").ClickAsync(new());

        Assert.Equal("Your parcel is on its way 🚚", Assert.Single(port.Sent).Text);
    }

    [Fact]
    public void The_picker_opens_on_demand_and_puts_the_chosen_emoji_in_the_draft()
    {
        var cut = RenderComposer();
        Assert.Empty(cut.FindAll("[data-testid=emoji-grid]"));

        cut.Find("[data-testid=composer]").Input("Thank you ");
        cut.Find("[data-testid=emoji-button]").Click();
        Assert.Equal("true", cut.Find("[data-testid=emoji-button]").GetAttribute("aria-expanded"));
        var options = cut.FindAll("[data-testid=emoji-option]");
        Assert.Equal(EmojiSet.Picker.Count, options.Count);
        cut.FindAll("[data-testid=emoji-option]").First(o => o.TextContent == "🙏").Click();

        Assert.Equal("Thank you 🙏", Text(cut));
        Assert.Empty(cut.FindAll("[data-testid=emoji-grid]"));
        Assert.Empty(port.Sent);
    }
}
