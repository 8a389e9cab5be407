using Chat.Server.Events;

namespace Chat.Server.Customers;

/// <summary>
/// Changes to the name and email a visitor or the shop gave. Connections that cache the
/// customer (the visitor hub does, to spare a read per message) hear of each change.
/// </summary>
public sealed class CustomerContacts(CustomerStore customers, IEventBus bus)
{
    /// <summary>A null leaves that field as it is.</summary>
    public async Task UpdateAsync(string customerId, string? name, string? email, CancellationToken ct)
    {
        await customers.UpdateContactAsync(customerId, name, email, ct);
        bus.Publish(new CustomerChanged(customerId));
    }
}
