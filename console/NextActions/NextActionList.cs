using Chat.AgentConsole.Port;

namespace Chat.AgentConsole.NextActions;

/// <summary>A chat's actions with one set or changed: open ones first, each group by due time, as the server lists them.</summary>
public static class NextActionList
{
    public static IReadOnlyList<NextAction> With(IReadOnlyList<NextAction> actions, NextAction changed)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(changed);
        return [.. actions.Where(a => a.Id != changed.Id).Append(changed).OrderBy(a => a.IsOpen ? 0 : 1).ThenBy(a => a.DueAt).ThenBy(a => a.Id, StringComparer.Ordinal)];
    }
}
