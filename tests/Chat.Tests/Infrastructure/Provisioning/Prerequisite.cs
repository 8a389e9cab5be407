namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>
/// A program the tests start that a fresh machine may lack, why the tests need it, the Debian
/// packages that bring it, and how to tell it is there.
/// </summary>
public sealed record Prerequisite(string Name, string Reason, IReadOnlyList<string> Packages, Func<bool> IsOnMachine);
