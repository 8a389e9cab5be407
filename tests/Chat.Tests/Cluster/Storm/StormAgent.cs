using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Cluster.Storm;

/// <summary>An agent in the storm, over the agent hub: a view per conversation and the messages it had acknowledged.</summary>
public sealed class StormAgent(IReadOnlyList<Uri> nodes, Random random, string cookie, int index) : StormClient(nodes, random)
{
    public ConcurrentDictionary<string, DeliveryView> Views { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, long> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>Signs in once; nodes share their data-protection keys, so the cookie works on every node.</summary>
    public static async Task<StormAgent> SignInAsync(IReadOnlyList<Uri> nodes, Random random, AgentLogin login, int index, CancellationToken ct)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = nodes[random.Next(nodes.Count)] };
        var response = await http.PostAsJsonAsync("api/agents/sign-in", new { email = login.Email, password = login.Password }, ct);
        response.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return new StormAgent(nodes, random, cookie, index);
    }

    /// <summary>Learns the agent's chats (after every visitor has started).</summary>
    public async Task LoadChatsAsync(CancellationToken ct)
    {
        foreach (var chat in (await CallAsync("GetMyChats", ct)).EnumerateArray())
        {
            Views.TryAdd(chat.GetProperty("conversationId").GetString()!, new DeliveryView());
        }
    }

    public async Task SendAllAsync(int count, CancellationToken ct)
    {
        // Round-robin over the agent's chats, as an agent answering several visitors at once.
        for (var i = 0; i < count; i++)
        {
            foreach (var (conversationId, view) in Views)
            {
                var clientId = $"a-{index}-{conversationId}-{i}";
                var ack = await CallAsync("Send", ct, new { conversationId, clientId, text = $"agent {index} reply {i}" });
                Acknowledged[clientId] = ack.GetProperty("seq").GetInt64();
                view.Apply(ack.GetProperty("seq").GetInt64(), clientId);
            }
        }
    }

    public async Task ResyncAsync(CancellationToken ct)
    {
        foreach (var conversationId in Views.Keys)
        {
            await ResyncConversationAsync(null, conversationId, ct);
        }
    }

    protected override Task<HubSession> OpenAsync(Uri node, Action<string, JsonElement> onEvent, CancellationToken ct) =>
        HubSession.ConnectAsync(new Uri(node, "hubs/agent"),
            new HubSessionOptions { Origin = node.GetLeftPart(UriPartial.Authority), Cookie = cookie, OnEvent = onEvent, KeepEvents = false }, ct);

    /// <summary>A new connection is a console opening: back online, then catch up on every chat.</summary>
    protected override async Task AfterConnectAsync(HubSession client, CancellationToken ct)
    {
        await client.InvokeAsync("SetPresence", new { presence = "online" }, ct);
        foreach (var conversationId in Views.Keys)
        {
            await ResyncConversationAsync(client, conversationId, ct);
        }
    }

    private async Task ResyncConversationAsync(HubSession? client, string conversationId, CancellationToken ct)
    {
        var view = Views[conversationId];
        var argument = new { conversationId, afterSeq = view.Contiguous };
        var missed = client is null ? await CallAsync("GetMessages", ct, argument) : await client.InvokeAsync("GetMessages", argument, ct);
        foreach (var message in missed.EnumerateArray())
        {
            view.Apply(message.GetProperty("seq").GetInt64(), message.GetProperty("clientId").GetString()!);
        }
    }

    protected override void OnEvent(string target, JsonElement argument)
    {
        if (target != "message")
        {
            return;
        }

        var conversationId = argument.GetProperty("conversationId").GetString()!;
        if (Views.TryGetValue(conversationId, out var view)
            && view.Apply(argument.GetProperty("seq").GetInt64(), argument.GetProperty("clientId").GetString()!))
        {
            ResyncSoon(ct => ResyncConversationAsync(null, conversationId, ct));
        }
    }
}
