namespace Chat.AgentConsole.Login;

/// <summary>
/// Where to go after sign-in. Only paths on this site are honoured, so a crafted link cannot
/// use the login page to bounce a freshly signed-in agent to someone else's site.
/// </summary>
public static class LocalReturnUrl
{
    public const string Default = "/console";

    public static string OrDefault(string? returnUrl) =>
        IsLocal(returnUrl) ? returnUrl! : Default;

    // Same rules as ASP.NET Core's Url.IsLocalUrl: one leading slash, not "//" or "/\"
    // (browsers read both as another host), and no control characters.
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        return !url.Any(char.IsControl);
    }
}
