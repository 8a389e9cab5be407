using System.Text;

namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>
/// What to do about the prerequisites a machine lacks: install them all in one go, or refuse
/// with one message that names every missing piece and the one command that installs them all.
/// </summary>
public sealed record ProvisioningPlan(IReadOnlyList<Prerequisite> Missing, IReadOnlyList<string> Packages, string InstallCommand, string? WhyNotInstalled)
{
    public static ProvisioningPlan For(IReadOnlyList<Prerequisite> missing, ProvisioningSettings settings)
    {
        var packages = missing.SelectMany(p => p.Packages).Distinct().ToList();
        var sudo = settings.IsRoot ? "" : "sudo ";
        var command = $"{sudo}apt-get update && {sudo}apt-get install -y {string.Join(' ', packages)}";
        string? whyNot = settings switch
        {
            { NoInstall: true } => $"{ProvisioningSettings.NoInstallVariable}=1 turns installing off.",
            { HasApt: false } => "This machine has no apt-get: install the same programs with its own package manager.",
            { IsRoot: false } => "The tests install only when they run as root: run the command above once.",
            _ => null,
        };
        return new ProvisioningPlan(missing, packages, command, whyNot);
    }

    public bool NothingMissing => Missing.Count == 0;

    public bool Installs => !NothingMissing && WhyNotInstalled is null;

    /// <summary>One line per prerequisite about to be installed, with the reason.</summary>
    public IEnumerable<string> Announcements => Missing.Select(p =>
        $"Installing {p.Name} for {p.Reason} (first run only; Debian {(p.Packages.Count == 1 ? "package" : "packages")} {string.Join(", ", p.Packages)})…");

    /// <summary>The one message a run stops with when it may not install what it lacks.</summary>
    public string MissingMessage
    {
        get
        {
            var message = new StringBuilder();
            message.AppendLine($"The tests need {(Missing.Count == 1 ? "1 thing" : $"{Missing.Count} things")} this machine lacks:");
            foreach (var prerequisite in Missing)
            {
                message.AppendLine($"  - {prerequisite.Name}, for {prerequisite.Reason} (Debian: {string.Join(", ", prerequisite.Packages)})");
            }

            message.AppendLine("Install them all with:");
            message.AppendLine($"  {InstallCommand}");
            message.Append(WhyNotInstalled);
            return message.ToString();
        }
    }
}
