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

        // One pass over the period: a year of a busy site is 50,000 conversations. Each start is
        // placed on the site's own day and hour once.
        var clock = new SiteClock(frame.Zone);
        var dayCount = frame.To.DayNumber - frame.From.DayNumber + 1;
        var started = new int[dayCount];
        var answered = new int[dayCount];
        var left = new int[dayCount];
        var busy = Enumerable.Range(0, 7).Select(_ => new int[24]).ToArray();
        var firstResponses = new List<long>();
        var resolutions = new List<long>();
        foreach (var c in all)
        {
            var local = clock.Local(c.CreatedAt);
            var day = DateOnly.FromDateTime(local).DayNumber - frame.From.DayNumber;
            if (day < 0 || day >= dayCount)
            {
                continue; // The store reads exactly the period's days; nothing outside them counts.
            }

            started[day]++;
            busy[((int)local.DayOfWeek + 6) % 7][local.Hour]++;
            if (c.LeftMessage)
            {
                left[day]++;
            }
            else if (c.FirstResponseAt is { } first)
            {
                answered[day]++;
                firstResponses.Add(first - c.CreatedAt);
            }

            if (c.ResolvedAt is { } resolved)
            {
                resolutions.Add(resolved - c.CreatedAt);
            }
        }

        var days = Enumerable.Range(0, dayCount)
            .Select(d => new DayFigures(frame.From.AddDays(d), started[d], answered[d], started[d] - answered[d] - left[d], left[d]))
            .ToList();
        var volume = new ReportVolume(started.Sum(), answered.Sum(), days.Sum(d => d.Missed), left.Sum());

        var transfers = rows.Transfers.ToDictionary(t => t.AgentId, t => (int)t.Count, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agent in rows.Agents)
        {
            names.TryAdd(agent.Id, agent.Name);
        }

        var byAgent = all.Where(c => c.AgentId is not null).ToLookup(c => c.AgentId!, StringComparer.Ordinal);
        var agents = names
            .Select(a => AgentRow(a.Key, a.Value, byAgent[a.Key], transfers, rows.Actions, nowMs))
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
            Durations(firstResponses),
            Durations(resolutions),
            Csat(all, rows.LowRated),
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

    private static AgentFigures AgentRow(string id, string name, IEnumerable<ConversationFacts> theirs, Dictionary<string, int> transfers, IReadOnlyList<ActionFacts> actions, long nowMs)
    {
        var handled = theirs.ToList();
        var firstResponses = handled.Where(c => !c.LeftMessage && c.FirstResponseAt is not null).Select(c => c.FirstResponseAt!.Value - c.CreatedAt).Order().ToList();
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

    private static Satisfaction Csat(IReadOnlyList<ConversationFacts> all, IReadOnlyList<LowRatedFacts> lowRated)
    {
        var shown = lowRated.ToDictionary(l => l.Id, StringComparer.Ordinal);
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
            [.. rated.Where(c => c.Rating <= 2 && c.Id is not null && shown.ContainsKey(c.Id)).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => new LowRating(c.Id!, shown[c.Id!].CustomerName, (int)c.Rating!.Value, shown[c.Id!].Comment, Clock.FromMs(c.CreatedAt)))]);
    }

}

/// <summary>What a report covers: the site, its time zone, the days, and perhaps one agent.</summary>
internal sealed record ReportFrame(string SiteId, string SiteName, TimeZoneInfo Zone, DateOnly From, DateOnly To, string? AgentId);
