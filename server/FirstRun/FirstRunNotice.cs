namespace Chat.Server.FirstRun;

/// <summary>
/// What the person running the server must not miss, such as the first admin's password: a boxed
/// block on standard output, not a log warning that scrolls past among the start-up lines.
/// </summary>
public sealed class FirstRunNotice(TextWriter output)
{
    public void Print(IReadOnlyList<string> lines)
    {
        lock (output)
        {
            output.Write(Box(lines));
            output.Flush();
        }
    }

    /// <summary>The lines in a frame, with an empty line before and after so it stands apart from the log.</summary>
    public static string Box(IReadOnlyList<string> lines)
    {
        var width = lines.Count == 0 ? 0 : lines.Max(l => l.Length);
        var rule = new string('─', width + 2);
        var box = new System.Text.StringBuilder();
        box.Append('\n').Append('┌').Append(rule).Append("┐\n");
        foreach (var line in lines)
        {
            box.Append("│ ").Append(line.PadRight(width)).Append(" │\n");
        }

        box.Append('└').Append(rule).Append("┘\n\n");
        return box.ToString();
    }
}
