namespace Chat.AgentConsole.Shared;

/// <summary>
/// The console's keyboard shortcuts, in one table: console.js matches keys against it (so it
/// can stop the browser's own use of them) and the help overlay lists it.
/// </summary>
public static class Shortcuts
{
    public const string NextChat = "next-chat";
    public const string PreviousChat = "previous-chat";
    public const string FocusComposer = "focus-composer";
    public const string ToggleNote = "toggle-note";
    public const string Resolve = "resolve";
    public const string Transfer = "transfer";
    public const string Help = "help";

    /// <param name="Code">KeyboardEvent.code, so Alt+letter works whatever the keyboard layout or what Alt types on a Mac.</param>
    /// <param name="Key">KeyboardEvent.key, for characters such as "?" whose position varies by layout.</param>
    /// <param name="InText">Also while typing in a text field; plain keys must not steal characters.</param>
    public sealed record Shortcut(string Action, string Keys, string Description, string? Code, string? Key, bool Alt, bool InText);

    public static IReadOnlyList<Shortcut> All { get; } =
    [
        new(NextChat, "Alt + ↓", "Next chat in the list", "ArrowDown", null, Alt: true, InText: true),
        new(PreviousChat, "Alt + ↑", "Previous chat in the list", "ArrowUp", null, Alt: true, InText: true),
        new(FocusComposer, "Alt + C", "Write in the open chat", "KeyC", null, Alt: true, InText: true),
        new(ToggleNote, "Alt + N", "Switch between reply and internal note", "KeyN", null, Alt: true, InText: true),
        new(Resolve, "Alt + R", "Resolve the open chat", "KeyR", null, Alt: true, InText: true),
        new(Transfer, "Alt + T", "Transfer the open chat", "KeyT", null, Alt: true, InText: true),
        new(Help, "?", "Show these shortcuts (Alt + / while typing)", null, "?", Alt: false, InText: false),
        new(Help, "Alt + /", "Show these shortcuts", "Slash", null, Alt: true, InText: true),
    ];
}
