namespace Chat.Server.Sites;

public sealed record Site(
    string Id,
    string SiteKey,
    string Name,
    IReadOnlyList<string> AllowedOrigins,
    string Color,
    string Greeting);
