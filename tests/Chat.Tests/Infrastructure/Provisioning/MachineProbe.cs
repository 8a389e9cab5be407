namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>Tells whether a prerequisite is on this machine; a test reports things missing through it instead of uninstalling them.</summary>
public interface IPrerequisiteProbe
{
    bool IsPresent(Prerequisite prerequisite);
}

/// <summary>Looks at this machine.</summary>
public sealed class MachineProbe : IPrerequisiteProbe
{
    public bool IsPresent(Prerequisite prerequisite) => prerequisite.IsOnMachine();
}
