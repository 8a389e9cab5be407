using System.Globalization;
using System.Text;

namespace Chat.AgentConsole.Reports;

/// <summary>
/// A chart's table as a CSV download. The file travels inside the link (a data: address), so
/// it is exactly the table on the page and needs no second request. Cells a spreadsheet would
/// run as a formula (a customer's comment starting with "=") are prefixed with an apostrophe.
/// </summary>
public static class Csv
{
    public static string DataUri(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows) =>
        "data:text/csv;charset=utf-8," + Uri.EscapeDataString(Text(header, rows));

    public static string Text(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(v => Cell(Format(v)))).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
