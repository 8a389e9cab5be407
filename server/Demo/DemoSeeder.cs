using System.Security.Cryptography;
using Chat.Server.Agents;
using Chat.Server.FirstRun;
using Chat.Server.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Chat.Server.Demo;

/// <summary>
/// On an empty database: a demo site and the first admin, so `dotnet run` shows a working
/// product. The admin's password is printed once, boxed on standard output, and never stored in
/// clear or logged; `admin reset-password EMAIL` sets a new one (<see cref="ResetPasswordCommand"/>).
/// </summary>
public sealed partial class DemoSeeder(Database database, AgentStore agents, IOptions<ChatOptions> options, TimeProvider time, FirstRunNotice notice, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var demo = options.Value.Demo;
        if (!demo.Enabled || await agents.AnyAsync(ct))
        {
            return;
        }

        var siteId = Ids.New();
        var siteKey = string.IsNullOrWhiteSpace(demo.SiteKey) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) : demo.SiteKey;
        await database.RunAsync(async (c, token) =>
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO sites (id, site_key, name, allowed_origins, color, greeting, created_at)
                VALUES (@siteId, @siteKey, 'Demo Shop', @origins, '#4f46e5', 'Hi! How can we help you today?', @now);
                """,
                new { siteId, siteKey, origins = string.Join(' ', demo.AllowedOrigins), now = time.NowMs() }, cancellationToken: token));
            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE sites SET identity_secret = @IdentitySecret, email_required = @emailRequired, business_hours = @BusinessHours,
                                 time_zone = @TimeZone, launcher_position = @LauncherPosition
                WHERE id = @siteId;
                """,
                new { siteId, demo.IdentitySecret, emailRequired = demo.EmailRequired ? 1 : 0, demo.BusinessHours, demo.TimeZone, demo.LauncherPosition },
                cancellationToken: token));
        }, ct);

        var password = string.IsNullOrEmpty(demo.AdminPassword) ? Passwords.Generate() : demo.AdminPassword;
        await agents.CreateAsync(demo.AdminEmail, "Alex Admin", password, AgentRoles.Admin, capacity: 5, [siteId], ct);
        LogFirstAdmin(demo.AdminEmail);
        if (string.IsNullOrEmpty(demo.AdminPassword))
        {
            notice.Print(
            [
                "First admin created. Sign in to the console at /console with",
                $"  email:    {AgentStore.NormalizeEmail(demo.AdminEmail)}",
                $"  password: {password}",
                "The password is shown only this once. To set a new one:",
                $"  dotnet run --project server -- admin reset-password {AgentStore.NormalizeEmail(demo.AdminEmail)}",
            ]);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "First admin created: {Email}")]
    private partial void LogFirstAdmin(string email);
}
