using System.Globalization;

namespace Chat.Bench.Report;

/// <summary>How figures read in the tables.</summary>
public static class Format
{
    public static string Ms(double ms) => double.IsFinite(ms) ? ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) : "-";

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => double.IsFinite(perSecond) ? perSecond.ToString("N0", CultureInfo.InvariantCulture) : "-";

    public static string Cores(double cores) => cores.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Rounded down, so a share just under a threshold never reads as the threshold.</summary>
    public static string Percent(double share) => Math.Floor(share * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    public static string Ratio(double ratio) => double.IsFinite(ratio) ? ratio.ToString("F2", CultureInfo.InvariantCulture) + "x" : "-";

    public static string Bytes(long bytes) => bytes switch
    {
        < 10 * 1024 => $"{Count(bytes)} B",
        < 10 * 1024 * 1024 => $"{(bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture)} MB",
    };

    /// <summary>An average, so fractional bytes; "-" when there was nothing to divide by.</summary>
    public static string BytesPer(double bytes) => double.IsFinite(bytes) ? Bytes((long)Math.Round(bytes)) : "-";

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
