using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Chat.Server.Agents;

/// <summary>The keys behind agents' sign-in cookies: in the database, shared by every node.</summary>
public sealed class SignInKeys(IKeyManager keys, IOptions<KeyManagementOptions> options, TimeProvider time)
{
    /// <summary>
    /// Call after the start-up work (<see cref="Startup"/>) is registered: Data Protection loads its key
    /// ring when it starts, and by then the table must exist and hold the first key.
    /// </summary>
    public static void AddSignInKeys(IServiceCollection services)
    {
        services.AddSingleton<SignInKeyStore>();
        services.AddSingleton<SignInKeys>();
        // A fixed name, not the default (the content root path): nodes installed in different
        // folders must read each other's cookies.
        services.AddDataProtection().SetApplicationName("Chat");
        services.AddOptions<KeyManagementOptions>().Configure<SignInKeyStore>((o, store) => o.XmlRepository = store);
    }

    /// <summary>
    /// Makes the first key (or a new one after every key expired) at start, under the start-up
    /// lock. Nodes starting together would otherwise each make a key of their own, and a cookie
    /// from one would be refused by the others until their next daily read of the ring. Later keys
    /// are made ahead of use by Data Protection itself, and every node reads them before they count.
    /// </summary>
    public void EnsureUsableKey()
    {
        var now = time.GetUtcNow();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
        }
    }
}
