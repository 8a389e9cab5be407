using Chat.Server.Agents;
using Chat.Server.Agents.Sessions;
using Chat.Server.Audit;
using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.FirstRun;

/// <summary>
/// <c>dotnet run --project server -- admin reset-password EMAIL</c>: a new password for an agent
/// who has lost theirs, the first admin above all, whose password is shown only once. It runs
/// against the same settings as the server (database, data folder), prints the new password in a
/// box, ends the agent's sessions everywhere and unlocks the account; two-factor stays as it was.
/// </summary>
public static class ResetPasswordCommand
{
    public const string Usage = "Usage: dotnet run --project server -- admin reset-password EMAIL";

    /// <summary>True when the arguments ask for an admin command rather than the server.</summary>
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "admin";

    /// <summary>Returns the process's exit code: 0 done, 1 no such agent, 2 not understood.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (args.Length < 3 || args[1] != "reset-password" || args[2].StartsWith('-'))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        var email = AgentStore.NormalizeEmail(args[2]);
        // The rest are the server's own settings (--Chat:DataDir=… and the like), so the command
        // finds the same database. Nothing is started: no port is taken, no demo data is made.
        await using var app = ChatApp.Build([.. args[3..]], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        var services = app.Services;
        var database = services.GetRequiredService<Database>();
        await MigrateAsync(database, services.GetRequiredService<Migrator>(), ct);

        var agentId = await database.RunAsync((c, token) => c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT id FROM agents WHERE email = @email AND deleted_at IS NULL;", new { email }, cancellationToken: token)), ct);
        if (agentId is null)
        {
            await errors.WriteLineAsync($"No agent has the email {email}. Nothing was changed.");
            return 1;
        }

        var password = Passwords.Generate();
        await services.GetRequiredService<AgentAdminStore>().SetPasswordAsync(agentId, password, ct);
        await services.GetRequiredService<AgentSessions>().EndAllAsync(agentId, ct);
        await services.GetRequiredService<AccountAudit>().PasswordChangedAsync(agentId, ct);
        new FirstRunNotice(output).Print(
        [
            $"New password for {email}:",
            $"  {password}",
            "Every session of this account was signed out. Sign in at /console.",
        ]);
        return 0;
    }

    private static async Task MigrateAsync(Database database, Migrator migrator, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await database.Dialect.LockForStartupAsync(connection, ct);
        try
        {
            await migrator.MigrateAsync(connection, ct);
        }
        finally
        {
            await database.Dialect.UnlockForStartupAsync(connection, CancellationToken.None);
        }
    }
}
