using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Chat.Tests.Browser;

/// <summary>
/// A Chromium process of its own (apart from the shared one), which a test can kill with
/// SIGKILL as a crash or a user's force-quit would: no page unload, no socket closed politely.
/// </summary>
public sealed class SeparateBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly int _pid;

    private SeparateBrowser(IPlaywright playwright, IBrowser browser, int pid)
    {
        _playwright = playwright;
        Browser = browser;
        _pid = pid;
    }

    public IBrowser Browser { get; }

    public static async Task<SeparateBrowser> LaunchAsync()
    {
        var before = BrowserProcesses().ToHashSet();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
        // Ours is new and runs under this test process (through Playwright's driver), unlike any other test's.
        var mine = Descendants(Environment.ProcessId).ToHashSet();
        var pid = BrowserProcesses().Single(p => !before.Contains(p) && mine.Contains(p));
        return new SeparateBrowser(playwright, browser, pid);
    }

    /// <summary>SIGKILL to the browser and every process under it.</summary>
    public void Kill()
    {
        foreach (var pid in Descendants(_pid).Prepend(_pid))
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone already: its parent's death took it.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _playwright.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Chromium's main processes (its helpers carry a --type switch).</summary>
    private static IEnumerable<int> BrowserProcesses() =>
        Processes().Where(p => p.CommandLine.Contains("chromium", StringComparison.Ordinal) && !p.CommandLine.Contains("--type=", StringComparison.Ordinal)).Select(p => p.Pid);

    private static IEnumerable<int> Descendants(int root)
    {
        var children = Processes().ToLookup(p => p.ParentPid, p => p.Pid);
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children[pid])
            {
                pending.Push(child);
                yield return child;
            }
        }
    }

    private static IEnumerable<(int Pid, int ParentPid, string CommandLine)> Processes()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat, commandLine;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (name) state ppid ...": the name may hold spaces, so read after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            yield return (pid, int.Parse(fields[1], CultureInfo.InvariantCulture), commandLine);
        }
    }
}
