using System.Diagnostics;
using Chat.Tests.Infrastructure;
using Chat.Tests.Infrastructure.Provisioning;

namespace Chat.Tests.Bench;

/// <summary>Runs the built benchmark program (tests/Chat.Bench) as a child process, as a developer would.</summary>
public static class BenchProgram
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The bench built in the same configuration as these tests (the project reference builds it first).</summary>
    public static string Dll
    {
        get
        {
            // …/tests/Chat.Tests/bin/{Configuration}/{TargetFramework}/
            var tfm = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = tfm.Parent!.Name;
            var dll = Path.Combine(RepoPaths.Root, "tests", "Chat.Bench", "bin", configuration, tfm.Name, "Chat.Bench.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build tests/Chat.Bench first: {dll} is missing.");
        }
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        // Its scenarios start redis-server and Chromium; installed here, where the test run shows what it installs.
        await Prerequisites.EnsureAsync();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bench.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The bench ran past {Timeout}: {await output}{await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
