using Chat.Tests.Infrastructure.Provisioning;

namespace Chat.Tests.Unit;

/// <summary>
/// The step that installs what the tests start, with the machine behind its seams: a probe that
/// reports things missing and an installer that only records what it was asked to install.
/// </summary>
public sealed class ProvisioningTests : IDisposable
{
    private static readonly ProvisioningSettings RootOnDebian = new(NoInstall: false, IsRoot: true, HasApt: true);

    private readonly string _lockPath = Path.Combine(Path.GetTempPath(), $"chat-provisioning-test-{Guid.NewGuid():N}.lock");
    private readonly List<string> _report = [];
    private readonly TaskCompletionSource _someoneWaits = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task What_is_missing_is_installed_in_one_apt_call_with_a_line_each_saying_why()
    {
        var machine = new FakeMachine(Prerequisites.Redis, Prerequisites.Chromium);

        await Provisioner(machine, RootOnDebian).EnsureAsync(CancellationToken.None);

        var install = Assert.Single(machine.Installs);
        Assert.Equal(["redis-server", "redis-tools", "chromium"], install);
        Assert.Equal(
        [
            "Installing redis-server and redis-cli for the cluster, health and storm tests (first run only; Debian packages redis-server, redis-tools)…",
            "Installing Chromium at /usr/bin/chromium for the browser tests and the widget benchmark (first run only; Debian package chromium)…",
        ], _report.Take(2));
        Assert.Matches(@"^Installed redis-server redis-tools chromium in \d+ s\.$", Assert.Single(_report.Skip(2)));
    }

    [Fact]
    public async Task A_fresh_machine_gets_every_package_the_suite_needs()
    {
        var machine = new FakeMachine([.. Prerequisites.All]);

        await Provisioner(machine, RootOnDebian).EnsureAsync(CancellationToken.None);

        Assert.Equal(["redis-server", "redis-tools", "postgresql", "chromium", "nodejs", "npm"], Assert.Single(machine.Installs));
    }

    [Fact]
    public async Task With_CHAT_TEST_NO_INSTALL_nothing_is_installed_and_one_message_names_every_missing_piece_and_the_command()
    {
        var settings = ProvisioningSettings.FromEnvironment(name => name == "CHAT_TEST_NO_INSTALL" ? "1" : null) with { IsRoot = true, HasApt = true };
        var machine = new FakeMachine(Prerequisites.Redis, Prerequisites.PostgreSql, Prerequisites.Chromium);

        var e = await Assert.ThrowsAsync<PrerequisitesMissingException>(() => Provisioner(machine, settings).EnsureAsync(CancellationToken.None));

        Assert.True(settings.NoInstall);
        Assert.Empty(machine.Installs);
        Assert.Equal(
            """
            The tests need 3 things this machine lacks:
              - redis-server and redis-cli, for the cluster, health and storm tests (Debian: redis-server, redis-tools)
              - PostgreSQL (initdb, pg_ctl), for the storage and cluster tests (Debian: postgresql)
              - Chromium at /usr/bin/chromium, for the browser tests and the widget benchmark (Debian: chromium)
            Install them all with:
              apt-get update && apt-get install -y redis-server redis-tools postgresql chromium
            CHAT_TEST_NO_INSTALL=1 turns installing off.
            """.ReplaceLineEndings("\n"), e.Message.ReplaceLineEndings("\n"));
        Assert.Equal([e.Message], _report);
    }

    [Fact]
    public async Task After_a_refusal_every_later_test_fails_at_once_with_the_same_message()
    {
        var machine = new FakeMachine(Prerequisites.Chromium);
        var provisioner = Provisioner(machine, RootOnDebian with { NoInstall = true });

        var first = await Assert.ThrowsAsync<PrerequisitesMissingException>(() => provisioner.EnsureAsync(CancellationToken.None));
        var later = await Assert.ThrowsAsync<PrerequisitesMissingException>(() => provisioner.EnsureAsync(CancellationToken.None));

        Assert.Same(first, later);
        Assert.Equal(1, machine.Probes(Prerequisites.Chromium));
        Assert.Single(_report);
    }

    [Theory]
    [InlineData(false, true, "sudo apt-get update && sudo apt-get install -y chromium", "The tests install only when they run as root: run the command above once.")]
    [InlineData(true, false, "apt-get update && apt-get install -y chromium", "This machine has no apt-get: install the same programs with its own package manager.")]
    public async Task Without_root_or_apt_it_installs_nothing_and_says_what_to_run(bool isRoot, bool hasApt, string command, string why)
    {
        var machine = new FakeMachine(Prerequisites.Chromium);

        var e = await Assert.ThrowsAsync<PrerequisitesMissingException>(
            () => Provisioner(machine, new ProvisioningSettings(NoInstall: false, isRoot, hasApt)).EnsureAsync(CancellationToken.None));

        Assert.Empty(machine.Installs);
        Assert.Contains($"\n  {command}\n", e.Message.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.EndsWith(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_that_has_everything_is_left_alone_without_a_word()
    {
        var machine = new FakeMachine();

        await Provisioner(machine, RootOnDebian).EnsureAsync(CancellationToken.None);
        await Provisioner(machine, RootOnDebian with { NoInstall = true, IsRoot = false }).EnsureAsync(CancellationToken.None);

        Assert.Empty(machine.Installs);
        Assert.Empty(_report);
        Assert.False(File.Exists(_lockPath));
    }

    [Fact]
    public async Task Two_runs_starting_at_once_install_once()
    {
        var machine = new FakeMachine(Prerequisites.Redis) { HoldInstalls = true };
        var first = Provisioner(machine, RootOnDebian).EnsureAsync(CancellationToken.None);
        await machine.InstallStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The second run looks while the first holds the lock mid-install: Redis is still missing.
        var second = Provisioner(machine, RootOnDebian).EnsureAsync(CancellationToken.None);
        await _someoneWaits.Task.WaitAsync(TimeSpan.FromSeconds(10));
        machine.FinishInstalls.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(machine.Installs);
    }

    [Fact]
    public async Task Packages_that_install_but_leave_a_piece_missing_fail_with_what_is_still_missing()
    {
        var machine = new FakeMachine(Prerequisites.Chromium) { InstallsWork = false };

        var e = await Assert.ThrowsAsync<PrerequisitesMissingException>(() => Provisioner(machine, RootOnDebian).EnsureAsync(CancellationToken.None));

        Assert.StartsWith("apt-get installed chromium, but this machine still lacks Chromium at /usr/bin/chromium.", e.Message, StringComparison.Ordinal);
    }

    private Provisioner Provisioner(FakeMachine machine, ProvisioningSettings settings) =>
        new(Prerequisites.All, machine, machine, settings, _lockPath, line =>
        {
            lock (_report)
            {
                _report.Add(line);
            }

            if (line.StartsWith("Waiting for another test run", StringComparison.Ordinal))
            {
                _someoneWaits.TrySetResult();
            }
        });

    public void Dispose() => File.Delete(_lockPath);

    /// <summary>A machine lacking the given prerequisites until their packages are installed.</summary>
    private sealed class FakeMachine(params Prerequisite[] missing) : IPrerequisiteProbe, IPackageInstaller
    {
        private readonly HashSet<Prerequisite> _missing = [.. missing];
        private readonly Dictionary<Prerequisite, int> _probes = [];

        public List<IReadOnlyList<string>> Installs { get; } = [];

        public bool HoldInstalls { get; init; }

        public bool InstallsWork { get; init; } = true;

        public TaskCompletionSource InstallStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource FinishInstalls { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Probes(Prerequisite prerequisite)
        {
            lock (_missing)
            {
                return _probes.GetValueOrDefault(prerequisite);
            }
        }

        public bool IsPresent(Prerequisite prerequisite)
        {
            lock (_missing)
            {
                _probes[prerequisite] = _probes.GetValueOrDefault(prerequisite) + 1;
                return !_missing.Contains(prerequisite);
            }
        }

        public async Task InstallAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken)
        {
            lock (_missing)
            {
                Installs.Add(packages);
            }

            InstallStarted.TrySetResult();
            if (HoldInstalls)
            {
                await FinishInstalls.Task.WaitAsync(cancellationToken);
            }

            lock (_missing)
            {
                if (InstallsWork)
                {
                    _missing.RemoveWhere(p => p.Packages.All(packages.Contains));
                }
            }
        }
    }
}
