using System.Xml.Linq;
using Chat.Server.Storage;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Chat.Server.Agents;

/// <summary>
/// The Data Protection key ring that signs agents' cookies, kept in the database (table
/// <c>sign_in_keys</c>) through the same resilience pipeline as everything else. Every node reads
/// the same keys, so a cookie one node issued is honoured by any other and after a restart, and a
/// Redis that lost its data takes no sign-in with it.
/// </summary>
public sealed class SignInKeyStore(Database database, TimeProvider time, IServiceProvider services) : IXmlRepository
{
    // Data Protection's interface is synchronous. It reads the ring at start and about once a day
    // after, and writes a key every few months, so blocking a thread for it here costs nothing.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.RunAsync<IReadOnlyCollection<XElement>>(async (c, token) =>
            [.. (await c.QueryAsync<string>(new CommandDefinition(
                "SELECT xml FROM sign_in_keys ORDER BY created_at, name;", cancellationToken: token))).Select(XElement.Parse)],
            CancellationToken.None).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = string.IsNullOrEmpty(friendlyName) ? $"element-{Guid.NewGuid()}" : friendlyName;
        var xml = element.ToString(SaveOptions.DisableFormatting);
        database.RunAsync(async (c, token) =>
        {
            try
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO sign_in_keys (name, xml, created_at) VALUES (@name, @xml, @now);",
                    new { name, xml, now = time.NowMs() }, cancellationToken: token));
            }
            catch (Exception e) when (SqlDialect.IsUniqueViolation(e))
            {
                // A retry of an insert whose commit went through but whose answer was lost: already stored.
            }
        }, CancellationToken.None).GetAwaiter().GetResult();
        // Looked up late: the audit log's own services need Data Protection, which needs this store.
        services.GetRequiredService<Audit.AuditLog>()
            .RecordAsync(Audit.AuditActor.Server, Chat.AgentConsole.Port.AuditActions.SignInKeyCreated, [], "sign_in_key", name, "", CancellationToken.None)
            .GetAwaiter().GetResult();
    }
}
