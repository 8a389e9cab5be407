using System.Diagnostics;

namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>
/// Brings a fresh machine up to what the tests start, so `dotnet test Chat.sln` needs only the
/// .NET SDK and Node.js the README lists.
///
/// How: Debian packages, all missing ones in one <c>apt-get update</c> + <c>apt-get install -y</c>,
/// when the tests run as root on Debian or Ubuntu, as they do on our machines, in CI and in
/// containers. These are the packages the docs already name, from the only registry our machines
/// reach, installed where everything expects them (Chromium at /usr/bin/chromium, PostgreSQL
/// under /usr/lib/postgresql, a 'postgres' user). Not chosen: fetching .debs without root
/// (<c>apt-get download</c> + <c>dpkg-deb -x</c> into a cache), because Chromium alone pulls some
/// hundred libraries whose dependencies we would resolve by hand and load through
/// LD_LIBRARY_PATH, and PostgreSQL looks for its share and lib folders at paths compiled in
/// under /usr; nor NuGet or npm packages, as none ships these servers' Linux binaries without
/// downloading them from elsewhere at install time. A run that is not root, has no apt-get, or
/// has CHAT_TEST_NO_INSTALL=1 installs nothing and fails with one message naming every missing
/// piece and the one command that installs them all.
///
/// When: on the first fixture that needs anything, once per process (later calls share the
/// result, so after a refusal every test fails at once with the same message). It always looks
/// at everything, so one apt call covers the whole suite. Two processes may start at once: the
/// installer holds a machine-wide file lock, and looks again after taking it, because the other
/// process may have installed everything meanwhile. A machine that has it all is left alone
/// without taking the lock, so the step costs a few file checks on every run after the first.
/// </summary>
public sealed class Provisioner
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(45);

    private readonly IReadOnlyList<Prerequisite> _prerequisites;
    private readonly IPrerequisiteProbe _probe;
    private readonly IPackageInstaller _installer;
    private readonly ProvisioningSettings _settings;
    private readonly string _lockPath;
    private readonly Action<string> _report;
    private readonly Lazy<Task> _once;

    public Provisioner(IReadOnlyList<Prerequisite> prerequisites, IPrerequisiteProbe probe, IPackageInstaller installer,
        ProvisioningSettings settings, string lockPath, Action<string> report)
    {
        _prerequisites = prerequisites;
        _probe = probe;
        _installer = installer;
        _settings = settings;
        _lockPath = lockPath;
        _report = report;
        _once = new Lazy<Task>(ProvisionAsync);
    }

    /// <summary>Returns once everything is on the machine; throws <see cref="PrerequisitesMissingException"/> otherwise.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => _once.Value.WaitAsync(cancellationToken);

    /// <summary>What this machine lacks now, and what to do about it.</summary>
    public ProvisioningPlan Plan() => ProvisioningPlan.For(_prerequisites.Where(p => !_probe.IsPresent(p)).ToList(), _settings);

    private async Task ProvisionAsync()
    {
        var plan = Plan();
        if (plan.NothingMissing)
        {
            return;
        }

        if (!plan.Installs)
        {
            _report(plan.MissingMessage);
            throw new PrerequisitesMissingException(plan.MissingMessage);
        }

        // Shared by every test that waits on it, so no one test's token may cancel it; a limit instead.
        using var limit = new CancellationTokenSource(Limit);
        using var held = await CrossProcessLock.AcquireAsync(_lockPath,
            () => _report("Waiting for another test run that is installing the test prerequisites…"), limit.Token);
        plan = Plan();
        if (plan.NothingMissing)
        {
            return;
        }

        foreach (var line in plan.Announcements)
        {
            _report(line);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            await _installer.InstallAsync(plan.Packages, limit.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            throw new PrerequisitesMissingException($"Installing the test prerequisites failed: {e.Message}\n{plan.MissingMessage}", e);
        }

        var after = Plan();
        if (!after.NothingMissing)
        {
            throw new PrerequisitesMissingException(
                $"apt-get installed {string.Join(' ', plan.Packages)}, but this machine still lacks {string.Join(" and ", after.Missing.Select(p => p.Name))}.\n{after.MissingMessage}");
        }

        _report($"Installed {string.Join(' ', plan.Packages)} in {clock.Elapsed.TotalSeconds:F0} s.");
    }
}
