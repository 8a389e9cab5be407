using System.Diagnostics;
using Chat.Tests.Infrastructure;
using Chat.Tests.Infrastructure.Provisioning;

namespace Chat.Tests.Widget;

/// <summary>Runs a Node.js script in the widget folder and returns its exit code and output.</summary>
public static class Node
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        await Prerequisites.EnsureAsync();
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.Widget, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Node.js is required to test the widget.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
