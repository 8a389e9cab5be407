using Chat.AgentConsole.Port;

namespace Chat.Server.Reports;

/// <summary>
/// Turns a period's rows into the report's figures. Every definition here is the one written on
/// the page and in docs/reports.md; change them together.
/// </summary>
internal static class ReportBuilder
{
    public static SiteReport Build(ReportFrame frame, ReportRows rows, long nowMs)
    {
        var all = rows.Conversations;
        var live = all.Where(c => c.LeftMessage == 0).ToList();
        var answered = live.Where(c => c.FirstResponseAt is not null).ToList();
        var volume = new ReportVolume(all.Count, answered.Count, live.Count - answered.Count, all.Count(c => c.LeftMessage != 0));

        var days = new List<DayFigures>();
        var byDay = all.ToLookup(c => DateOnly.FromDateTime(Local(c.CreatedAt, frame.Zone)));
        for (var day = frame.From; day <= frame.To; day = day.AddDays(1))
        {
            var of = byDay[day].ToList();
            var liveOf = of.Where(c => c.LeftMessage == 0).ToList();
            var answeredOf = liveOf.Count(c => c.FirstResponseAt is not null);
            days.Add(new DayFigures(day, of.Count, answeredOf, liveOf.Count - answeredOf, of.Count - liveOf.Count));
        }

        var busy = Enumerable.Range(0, 7).Select(_ => new int[24]).ToArray();
        foreach (var c in all)
        {
            var local = Local(c.CreatedAt, frame.Zone);
            busy[((int)local.DayOfWeek + 6) % 7][local.Hour]++;
        }

        var transfers = rows.Transfers.ToDictionary(t => t.AgentId, t => (int)t.Count, StringComparer.Ordinal);
        var names = rows.Agents.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        foreach (var c in all.Where(c => c.AgentId is not null && c.AgentName is not null))
        {
            names.TryAdd(c.AgentId!, c.AgentName!);
        }

        var agents = names
            .Select(a => AgentRow(a.Key, a.Value, all, transfers, rows.Actions, nowMs))
            .Where(a => a.Handled > 0 || a.TransfersOut > 0 || a.ActionsDue > 0)
            .Where(a => frame.AgentId is null || a.AgentId == frame.AgentId)
            .OrderByDescending(a => a.Handled).ThenBy(a => a.Name, StringComparer.CurrentCulture)
            .ToList();

        return new SiteReport(
            frame.SiteId,
            frame.SiteName,
            frame.Zone.Id,
            frame.From,
            frame.To,
            frame.AgentId is null ? null : names.GetValueOrDefault(frame.AgentId),
            volume,
            Durations(answered.Select(c => c.FirstResponseAt!.Value - c.CreatedAt)),
            Durations(all.Where(c => c.Status == "resolved" && c.ResolvedAt is not null).Select(c => c.ResolvedAt!.Value - c.CreatedAt)),
            Csat(all),
            [.. busy.Select(row => (IReadOnlyList<int>)row)],
            days,
            agents);
    }

    /// <summary>The middle value; with an even count, the mean of the two middle values.</summary>
    public static long? Median(IReadOnlyList<long> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };

    /// <summary>Nearest rank: the smallest value that at least 90% of the values do not exceed.</summary>
    public static long? P90(IReadOnlyList<long> sorted) =>
        sorted.Count == 0 ? null : sorted[((9 * sorted.Count) + 9) / 10 - 1]; // ceil(0.9 n), in integers

    private static AgentFigures AgentRow(string id, string name, IReadOnlyList<ConversationFacts> all, Dictionary<string, int> transfers, IReadOnlyList<ActionFacts> actions, long nowMs)
    {
        var handled = all.Where(c => c.AgentId == id).ToList();
        var firstResponses = handled.Where(c => c.LeftMessage == 0 && c.FirstResponseAt is not null).Select(c => c.FirstResponseAt!.Value - c.CreatedAt).Order().ToList();
        var rated = handled.Where(c => c.Rating is not null).ToList();
        var due = actions.Where(a => a.OwnerId == id && a.DueAt <= nowMs).ToList();
        return new AgentFigures(
            id,
            name,
            handled.Count,
            transfers.GetValueOrDefault(id),
            Median(firstResponses) is { } median ? TimeSpan.FromMilliseconds(median) : null,
            rated.Count,
            rated.Count == 0 ? null : rated.Average(c => (double)c.Rating!.Value),
            due.Count,
            due.Count(a => a.DoneAt is { } done && done <= a.DueAt));
    }

    private static DurationFigures Durations(IEnumerable<long> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return new DurationFigures(
            sorted.Count,
            Median(sorted) is { } median ? TimeSpan.FromMilliseconds(median) : null,
            P90(sorted) is { } p90 ? TimeSpan.FromMilliseconds(p90) : null);
    }

    private static Satisfaction Csat(IReadOnlyList<ConversationFacts> all)
    {
        var rated = all.Where(c => c.Rating is >= 1 and <= 5).ToList();
        var distribution = new int[5];
        foreach (var c in rated)
        {
            distribution[c.Rating!.Value - 1]++;
        }

        return new Satisfaction(
            rated.Count,
            rated.Count == 0 ? null : rated.Average(c => (double)c.Rating!.Value),
            rated.Count == 0 ? null : rated.Count(c => c.Rating >= 4) / (double)rated.Count,
            distribution,
            [.. rated.Where(c => c.Rating <= 2).OrderByDescending(c => c.CreatedAt)
                .Select(c => new LowRating(c.Id, c.CustomerName ?? "", (int)c.Rating!.Value, c.RatingComment, Clock.FromMs(c.CreatedAt)))]);
    }

    private static DateTime Local(long ms, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(Clock.FromMs(ms), zone).DateTime;
}

/// <summary>What a report covers: the site, its time zone, the days, and perhaps one agent.</summary>
internal sealed record ReportFrame(string SiteId, string SiteName, TimeZoneInfo Zone, DateOnly From, DateOnly To, string? AgentId);
