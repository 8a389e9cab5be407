namespace Chat.Tests.Infrastructure;

/// <summary>Folders of the repository, found from the test's own location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Server => Path.Combine(Root, "server");

    public static string Widget => Path.Combine(Root, "widget");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chat.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Chat.sln not found above the test folder.");
    }
}
