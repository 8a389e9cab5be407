using System.Net;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Tests.Infrastructure;

/// <summary>Asserts that the server refused, and how: by the stable code or status a client acts on, not by the wording.</summary>
public static class Refused
{
    /// <summary>The hub call must fail with a <see cref="HubException"/> carrying <paramref name="code"/>.</summary>
    public static async Task<HubRefusal> With(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        var refusal = HubRefusal.Parse(error.Message);
        Assert.Equal(code, refusal.Code);
        return refusal;
    }

    /// <summary>The connection must be refused before the upgrade with <paramref name="status"/>.</summary>
    public static async Task Upgrade(HttpStatusCode status, Func<Task> connect)
    {
        var refused = await Assert.ThrowsAsync<HubRefusedException>(connect);
        Assert.Equal(status, refused.Status);
    }
}
