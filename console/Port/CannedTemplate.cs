using System.Text.RegularExpressions;

namespace Chat.AgentConsole.Port;

/// <summary>
/// The variables a canned reply may use, spelled once for both sides of the port: the server
/// refuses to save a reply with any other, and the console fills them in before the agent
/// edits and sends.
/// </summary>
public static partial class CannedTemplate
{
    public const string CustomerFirstName = "customer.first_name";
    public const string CustomerName = "customer.name";
    public const string AgentName = "agent.name";
    public const string SiteName = "site.name";

    public static IReadOnlyList<string> Variables { get; } = [CustomerFirstName, CustomerName, AgentName, SiteName];

    // "{{ name }}" with optional spaces; the name is anything up to the closing braces, so a
    // misspelt variable is reported rather than left in the text.
    [GeneratedRegex(@"\{\{\s*(?<name>[^{}]*?)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Placeholder();

    /// <summary>The variables in <paramref name="text"/> that do not exist, in order, each once.</summary>
    public static IReadOnlyList<string> UnknownVariables(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Placeholder().Matches(text)
            .Select(m => m.Groups["name"].Value)
            .Where(name => !Variables.Contains(name, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when braces are left over once every "{{…}}" is taken out, as in "{{customer.name".</summary>
    public static bool HasStrayBraces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = Placeholder().Replace(text, "");
        return rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal);
    }

    /// <summary>Replaces each known variable with its value; a value not given becomes empty text.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            return Variables.Contains(name, StringComparer.Ordinal) ? values.GetValueOrDefault(name, "") : m.Value;
        });
    }

    /// <summary>The values for one chat. The first name is the customer's first word, as people greet each other.</summary>
    public static IReadOnlyDictionary<string, string> ValuesFor(string customerName, string agentName, string siteName)
    {
        var trimmed = (customerName ?? "").Trim();
        var space = trimmed.IndexOfAny([' ', '\t']);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CustomerFirstName] = space < 0 ? trimmed : trimmed[..space],
            [CustomerName] = trimmed,
            [AgentName] = (agentName ?? "").Trim(),
            [SiteName] = (siteName ?? "").Trim(),
        };
    }
}
