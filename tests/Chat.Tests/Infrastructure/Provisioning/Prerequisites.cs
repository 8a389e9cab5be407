namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>
/// Everything the tests (and the benchmarks that share their fixtures) start besides the server:
/// the fixtures call <see cref="EnsureAsync"/> before their first start, and the first call in a
/// process provisions all of them at once. How, and why that way, is in <see cref="Provisioner"/>.
/// </summary>
public static class Prerequisites
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly Prerequisite Redis = new(
        "redis-server and redis-cli", "the cluster, health and storm tests", ["redis-server", "redis-tools"],
        () => OnPath("redis-server") && OnPath("redis-cli"));

    public static readonly Prerequisite PostgreSql = new(
        "PostgreSQL (initdb, pg_ctl)", "the storage and cluster tests", ["postgresql"],
        () => PostgresBinDirectory() is not null);

    public static readonly Prerequisite Chromium = new(
        $"Chromium at {ChromiumPath}", "the browser tests and the widget benchmark", ["chromium"],
        () => File.Exists(ChromiumPath));

    public static readonly Prerequisite Node = new(
        "Node.js (node, npm)", "the widget's build and unit tests", ["nodejs", "npm"],
        () => OnPath("node") && OnPath("npm"));

    public static IReadOnlyList<Prerequisite> All { get; } = [Redis, PostgreSql, Chromium, Node];

    /// <summary>
    /// Where the provisioning lines go. The test assembly points this at xunit's diagnostic
    /// messages, the only output of a passing run that `dotnet test` shows; a benchmark leaves it on stderr.
    /// </summary>
    public static Action<string> Report { get; set; } = Console.Error.WriteLine;

    private static readonly Provisioner Machine = new(
        All, new MachineProbe(), new AptInstaller(), ProvisioningSettings.FromEnvironment(Environment.GetEnvironmentVariable),
        Path.Combine(Path.GetTempPath(), "chat-test-prerequisites.lock"), line => Report(line));

    /// <summary>
    /// Installs whatever of <see cref="All"/> this machine lacks, once per process; every later
    /// call returns at once, or fails at once with the same message.
    /// </summary>
    public static Task EnsureAsync(CancellationToken cancellationToken = default) => Machine.EnsureAsync(cancellationToken);

    /// <summary>The newest PostgreSQL's bin folder in Debian's layout, or null.</summary>
    public static string? PostgresBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .LastOrDefault()
            : null;

    public static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));
}
