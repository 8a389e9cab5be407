namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>Installs Debian packages; a test records the calls instead.</summary>
public interface IPackageInstaller
{
    Task InstallAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken);
}

/// <summary>One <c>apt-get update</c> and one <c>apt-get install -y</c> for every package at once.</summary>
public sealed class AptInstaller : IPackageInstaller
{
    private static readonly Dictionary<string, string> Quiet = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    public async Task InstallAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        // The lock timeout waits for the dpkg lock rather than failing when something else on the machine is installing.
        await ProcessRunner.RunAsync("apt-get", ["update", "-qq", "-o", "DPkg::Lock::Timeout=600"], TimeSpan.FromMinutes(10), environment: Quiet, cancellationToken: cancellationToken);
        await ProcessRunner.RunAsync("apt-get", ["install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=600", .. packages], TimeSpan.FromMinutes(30),
            environment: Quiet, cancellationToken: cancellationToken);
    }
}
