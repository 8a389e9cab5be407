using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chat.Server.CustomAttributes;

/// <summary>The types an attribute can have, and how a value of each is checked and stored as text.</summary>
public static partial class AttributeRules
{
    public const string Text = "text";
    public const string Number = "number";
    public const string Boolean = "boolean";

    public static readonly IReadOnlyList<string> Types = [Text, Number, Boolean];

    public const int MaxPerSite = 50;
    public const int MaxTextLength = 1000;

    /// <summary>Lower-case letters, digits and underscores, starting with a letter: safe as a JSON key, a template variable and a column in an export.</summary>
    public static string ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return NamePattern().IsMatch(trimmed)
            ? trimmed
            : throw new ChatRuleException("attribute_name_invalid", "An attribute's name is 1 to 40 lower-case letters, digits or _, starting with a letter, such as plan or order_count.");
    }

    public static string ValidateType(string? type) =>
        Types.Contains(type ?? "") ? type! : throw new ChatRuleException("attribute_type_invalid", "An attribute's type is text, number or boolean.");

    /// <summary>The stored text of a value of the declared type; refused with <c>attribute_value_invalid</c> otherwise.</summary>
    public static string ToStored(string name, string type, JsonElement value) => (type, value.ValueKind) switch
    {
        (Text, JsonValueKind.String) when value.GetString()!.Length <= MaxTextLength => value.GetString()!,
        (Number, JsonValueKind.Number) when value.TryGetDouble(out var number) && double.IsFinite(number) => number.ToString("R", CultureInfo.InvariantCulture),
        (Boolean, JsonValueKind.True) => "true",
        (Boolean, JsonValueKind.False) => "false",
        _ => throw new ChatRuleException("attribute_value_invalid", $"{name} is a {type} attribute{(type == Text ? $" of at most {MaxTextLength} characters" : "")}; this value is not."),
    };

    public static JsonElement FromStored(string type, string stored) => type switch
    {
        Number => JsonSerializer.SerializeToElement(double.Parse(stored, CultureInfo.InvariantCulture)),
        Boolean => JsonSerializer.SerializeToElement(stored == "true"),
        _ => JsonSerializer.SerializeToElement(stored),
    };

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex NamePattern();
}
