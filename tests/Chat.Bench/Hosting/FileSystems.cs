namespace Chat.Bench.Hosting;

/// <summary>Which file system a folder is on: a database on tmpfs commits far faster than on a disk, and the report says which.</summary>
public static class FileSystems
{
    public static string TypeOf(string path)
    {
        const string mounts = "/proc/mounts";
        if (!File.Exists(mounts))
        {
            return "an unknown file system";
        }

        var full = Path.GetFullPath(path);
        var best = (Mount: "", Type: "an unknown file system");
        foreach (var line in File.ReadLines(mounts))
        {
            var parts = line.Split(' ');
            if (parts.Length >= 3 && IsUnder(full, parts[1]) && parts[1].Length >= best.Mount.Length)
            {
                best = (parts[1], parts[2]);
            }
        }

        return best.Type;
    }

    private static bool IsUnder(string path, string mount) =>
        mount == "/" || path == mount || path.StartsWith(mount.TrimEnd('/') + "/", StringComparison.Ordinal);
}
