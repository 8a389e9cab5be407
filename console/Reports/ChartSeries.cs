namespace Chat.AgentConsole.Reports;

/// <summary>
/// One line of a line chart. Each series has its own dash pattern and marker shape as well as its
/// colour, so the lines can be told apart in grey print and by people who do not see the colours.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<int> Values, string Color, string Dash, string Marker);
