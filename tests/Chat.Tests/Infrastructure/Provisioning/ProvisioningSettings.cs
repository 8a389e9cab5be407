namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>What decides whether the tests may install what they lack.</summary>
public sealed record ProvisioningSettings(bool NoInstall, bool IsRoot, bool HasApt)
{
    public const string NoInstallVariable = "CHAT_TEST_NO_INSTALL";

    public static ProvisioningSettings FromEnvironment(Func<string, string?> variable) =>
        new(IsOn(variable(NoInstallVariable)), ProcessRunner.IsRoot, Prerequisites.OnPath("apt-get"));

    private static bool IsOn(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
}
