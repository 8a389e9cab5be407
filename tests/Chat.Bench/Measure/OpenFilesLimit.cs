using System.Globalization;

namespace Chat.Bench.Measure;

/// <summary>The per-process open-files limit (each socket is one), read from /proc/self/limits; the server process inherits it.</summary>
public static class OpenFilesLimit
{
    public static long? Read()
    {
        const string limits = "/proc/self/limits";
        if (!File.Exists(limits))
        {
            return null;
        }

        // "Max open files            20000                20000                files"
        var line = File.ReadLines(limits).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
