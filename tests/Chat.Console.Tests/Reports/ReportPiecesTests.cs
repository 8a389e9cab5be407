using Chat.AgentConsole.History;
using Chat.AgentConsole.Reports;

namespace Chat.AgentConsole.Tests.Reports;

/// <summary>The report's parts that must hold whatever the data: CSV cells, durations, charts and highlights.</summary>
public sealed class ReportPiecesTests : BunitContext
{
    [Fact]
    public void A_csv_quotes_what_needs_it_and_never_hands_a_spreadsheet_a_formula()
    {
        var csv = Csv.Text(["agent", "comment"], [["Ana, the \"best\"", "=HYPERLINK(\"x\")"], ["Bo", 3.5], ["Cy", null]]);

        Assert.Equal("agent,comment\r\n\"Ana, the \"\"best\"\"\",\"'=HYPERLINK(\"\"x\"\")\"\r\nBo,3.5\r\nCy,\r\n", csv);
    }

    [Theory]
    [InlineData(null, "—")]
    [InlineData(45, "45 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(7800, "2 h 10 min")]
    [InlineData(200000, "2 d 7 h")]
    public void Durations_read_as_people_say_them(int? seconds, string expected) =>
        Assert.Equal(expected, Durations.Say(seconds is { } s ? TimeSpan.FromSeconds(s) : null));

    [Fact]
    public void A_highlight_shows_a_script_as_text_and_marks_only_the_words_found()
    {
        var cut = Render<Highlighted>(p => p.Add(h => h.Parts, [new TextPart("<script>alert(1)</script> my ", false), new TextPart("card", true)]));

        Assert.Equal("card", cut.Find("mark").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_heat_map_has_a_cell_for_every_hour_of_the_week_with_its_number_in_it()
    {
        var counts = Enumerable.Range(0, 7).Select(d => (IReadOnlyList<int>)[.. Enumerable.Range(0, 24).Select(h => d == 2 && h == 14 ? 9 : 0)]).ToList();

        var cut = Render<HeatMap>(p => p.Add(h => h.Counts, counts).Add(h => h.TimeZone, "Europe/Berlin"));

        Assert.Equal(7 * 24, cut.FindAll("svg.chart-svg rect").Count);
        Assert.Contains(cut.FindAll("svg.chart-svg text"), t => t.TextContent == "9");
        Assert.Contains(cut.FindAll("rect title"), t => t.TextContent == "Wed 14:00–15:00: 9");
    }
}
