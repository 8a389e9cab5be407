using Chat.AgentConsole.Chats;
using Chat.AgentConsole.Tests.Fakes;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.AgentConsole.Tests.Chats;

public sealed class TransferDialogTests : BunitContext
{
    private readonly FakeConsolePort port = new();

    public TransferDialogTests()
    {
        Services.AddSingleton<IConsolePort>(port);
        JSInterop.Mode = JSRuntimeMode.Loose;
        port.Colleagues.AddRange(
        [
            new Colleague("a-full", "Fay Full", null, Presence.Online, 3, 3),
            new Colleague("a-sam", "Sam Small", null, Presence.Online, 1, 4),
            new Colleague("a-away", "Abe Away", null, Presence.Away, 0, 4),
            new Colleague("a-off", "Olu Offline", null, Presence.Offline, 0, 4),
        ]);
    }

    private IRenderedComponent<TransferDialog> RenderDialog(Action<string>? onTransferred = null, Action? onCancel = null) =>
        Render<TransferDialog>(ps => ps
            .Add(p => p.AgentId, port.Agent.Id)
            .Add(p => p.ConversationId, "c1")
            .Add(p => p.CustomerName, "Carol")
            .Add(p => p.OnTransferred, onTransferred ?? (_ => { }))
            .Add(p => p.OnCancel, onCancel ?? (() => { })));

    [Fact]
    public void Only_colleagues_online_with_room_can_be_chosen_and_the_first_of_them_is_preselected()
    {
        var cut = RenderDialog();

        string Radio(string id) => cut.Find($"[data-agent={id}]").TextContent;
        bool Enabled(string id) => !cut.Find($"[data-agent={id}] input").HasAttribute("disabled");
        Assert.True(Enabled("a-sam"));
        Assert.False(Enabled("a-full"));
        Assert.False(Enabled("a-away"));
        Assert.False(Enabled("a-off"));
        Assert.Contains("full (3/3)", Radio("a-full"), StringComparison.Ordinal);
        Assert.Contains("away", Radio("a-away"), StringComparison.Ordinal);
        Assert.Contains("offline", Radio("a-off"), StringComparison.Ordinal);
        Assert.True(cut.Find("[data-agent=a-sam] input").HasAttribute("checked"));
    }

    [Fact]
    public void Transfer_sends_the_chosen_colleague_and_the_note()
    {
        string? to = null;
        var cut = RenderDialog(onTransferred: name => to = name);

        cut.Find("[data-testid=transfer-note]").Input("Wants a refund, already approved");
        cut.Find("[data-testid=transfer-submit]").Click();

        Assert.Equal(("c1", "a-sam", "Wants a refund, already approved"), Assert.Single(port.Transfers));
        Assert.Equal("Sam Small", to);
    }

    [Fact]
    public void A_refusal_is_shown_and_the_dialog_stays_open()
    {
        port.TransferFailure = new ConsoleActionException("agent_unavailable", "Sam Small is not online or has no room for another chat.");
        string? to = null;
        var cut = RenderDialog(onTransferred: name => to = name);

        cut.Find("[data-testid=transfer-submit]").Click();

        Assert.Equal("Sam Small is not online or has no room for another chat.", cut.Find("[data-testid=transfer-error]").TextContent);
        Assert.Null(to);
    }

    [Fact]
    public void Nobody_to_choose_leaves_transfer_disabled_and_escape_cancels()
    {
        port.Colleagues.Clear();
        var cancelled = false;
        var cut = RenderDialog(onCancel: () => cancelled = true);

        Assert.NotNull(cut.Find("[data-testid=transfer-nobody]"));
        Assert.True(cut.Find("[data-testid=transfer-submit]").HasAttribute("disabled"));
        cut.Find("[data-testid=transfer-dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.True(cancelled);
        Assert.Empty(port.Transfers);
    }
}
