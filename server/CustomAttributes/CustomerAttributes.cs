using System.Text.Json;
using Chat.Server.Events;

namespace Chat.Server.CustomAttributes;

/// <summary>
/// Typed key–value facts about a customer (plan, orders …), set by the shop through identify() or
/// the API. Only attributes the site's admins declared are kept, each in its declared type.
/// </summary>
internal sealed class CustomerAttributes(AttributeStore store, IEventBus bus)
{
    public Task<IReadOnlyList<AttributeDefinition>> DefinitionsAsync(string siteId, CancellationToken ct) => store.DefinitionsAsync(siteId, ct);

    public async Task DeclareAsync(string siteId, string? name, string? type, CancellationToken ct)
    {
        var validName = AttributeRules.ValidateName(name);
        var validType = AttributeRules.ValidateType(type);
        var existing = await store.DefinitionsAsync(siteId, ct);
        if (existing.Count >= AttributeRules.MaxPerSite && existing.All(d => d.Name != validName))
        {
            throw new ChatRuleException("too_many_attributes", $"A site can declare at most {AttributeRules.MaxPerSite} attributes.");
        }

        await store.DeclareAsync(siteId, validName, validType, ct);
    }

    public Task RemoveAsync(string siteId, string name, CancellationToken ct) => store.RemoveAsync(siteId, name, ct);

    public Task<IReadOnlyDictionary<string, JsonElement>> ForCustomerAsync(string customerId, CancellationToken ct) => store.ForCustomerAsync(customerId, ct);

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>> ForCustomersAsync(IReadOnlyCollection<string> customerIds, CancellationToken ct) =>
        store.ForCustomersAsync(customerIds, ct);

    /// <summary>Refuses, before anything is written, what <see cref="SetAsync"/> with strict would refuse.</summary>
    public async Task CheckAsync(string siteId, IReadOnlyDictionary<string, JsonElement>? changes, CancellationToken ct)
    {
        if (changes is { Count: > 0 })
        {
            _ = await ValidAsync(siteId, changes, strict: true, ct);
        }
    }

    /// <summary>
    /// Sets the given attributes of the customer (a JSON null removes one). With <paramref name="strict"/>
    /// an undeclared name or a value of the wrong type refuses the whole change; without it (the widget's
    /// identify) those are left out and named in the answer, so the page's developer can be warned.
    /// </summary>
    /// <returns>The names that were left out.</returns>
    public async Task<IReadOnlyList<string>> SetAsync(string siteId, string customerId, IReadOnlyDictionary<string, JsonElement>? changes, bool strict, CancellationToken ct)
    {
        if (changes is null || changes.Count == 0)
        {
            return [];
        }

        var (valid, left) = await ValidAsync(siteId, changes, strict, ct);
        if (valid.Count > 0)
        {
            await store.SetAsync(customerId, valid, ct);
            bus.Publish(new CustomerChanged(customerId));
        }

        return left;
    }

    private async Task<(Dictionary<string, string?> Valid, List<string> Left)> ValidAsync(
        string siteId, IReadOnlyDictionary<string, JsonElement> changes, bool strict, CancellationToken ct)
    {
        if (changes.Count > AttributeRules.MaxPerSite)
        {
            throw new ChatRuleException("too_many_attributes", $"Set at most {AttributeRules.MaxPerSite} attributes at once.");
        }

        var declared = (await store.DefinitionsAsync(siteId, ct)).ToDictionary(d => d.Name, d => d.Type, StringComparer.Ordinal);
        var valid = new Dictionary<string, string?>(StringComparer.Ordinal);
        var left = new List<string>();
        foreach (var (name, value) in changes)
        {
            try
            {
                if (!declared.TryGetValue(name, out var type))
                {
                    throw new ChatRuleException("attribute_unknown", $"The site has no attribute {Shown(name)}; an admin declares attributes in the console under Admin → Attributes.");
                }

                valid[name] = value.ValueKind == JsonValueKind.Null ? null : AttributeRules.ToStored(name, type, value);
            }
            catch (ChatRuleException) when (!strict)
            {
                left.Add(Shown(name));
            }
        }

        return (valid, left);
    }

    private static string Shown(string name) => name.Length <= 40 ? name : string.Concat(name.AsSpan(0, 40), "…");
}
