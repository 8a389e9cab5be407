using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Cluster.Storm;

/// <summary>A visitor in the storm: one conversation, a view of it, and the messages it had acknowledged.</summary>
public sealed class StormVisitor(IReadOnlyList<Uri> nodes, Random random, string siteKey, string token, int index) : StormClient(nodes, random)
{
    public string ConversationId { get; private set; } = "";

    public DeliveryView View { get; } = new();

    public ConcurrentDictionary<string, long> Acknowledged { get; } = new(StringComparer.Ordinal);

    public static async Task<StormVisitor> CreateAsync(IReadOnlyList<Uri> nodes, Random random, string siteKey, int index, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = nodes[random.Next(nodes.Count)] };
        var response = await http.PostAsJsonAsync("api/visitors", new { siteKey, name = $"Storm visitor {index}" }, ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return new StormVisitor(nodes, random, siteKey, body.GetProperty("token").GetString()!, index);
    }

    /// <summary>Starts the conversation; returns its status ("open" once an agent has it).</summary>
    public async Task<string> StartAsync(CancellationToken ct)
    {
        var started = await CallAsync("StartConversation", ct);
        ConversationId = started.GetProperty("id").GetString()!;
        return started.GetProperty("status").GetString()!;
    }

    public async Task SendAllAsync(int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            var clientId = $"v-{index}-{i}";
            var ack = await CallAsync("Send", ct, new { conversationId = ConversationId, clientId, text = $"visitor {index} message {i}" });
            Acknowledged[clientId] = ack.GetProperty("seq").GetInt64();
            View.Apply(ack.GetProperty("seq").GetInt64(), clientId);
        }
    }

    public Task ResyncAsync(CancellationToken ct) => ResyncWithAsync(null, ct);

    protected override Task<HubSession> OpenAsync(Uri node, Action<string, JsonElement> onEvent, CancellationToken ct) =>
        HubSession.ConnectAsync(new Uri(node, $"hubs/visitor?site={Uri.EscapeDataString(siteKey)}&access_token={Uri.EscapeDataString(token)}"),
            new HubSessionOptions { Origin = node.GetLeftPart(UriPartial.Authority), OnEvent = onEvent, KeepEvents = false }, ct);

    protected override Task AfterConnectAsync(HubSession client, CancellationToken ct) =>
        ConversationId.Length == 0 ? Task.CompletedTask : ResyncWithAsync(client, ct);

    private async Task ResyncWithAsync(HubSession? client, CancellationToken ct)
    {
        var missed = client is null
            ? await CallAsync("GetMessages", ct, new { conversationId = ConversationId, afterSeq = View.Contiguous })
            : await client.InvokeAsync("GetMessages", new { conversationId = ConversationId, afterSeq = View.Contiguous }, ct);
        foreach (var message in missed.EnumerateArray())
        {
            View.Apply(message.GetProperty("seq").GetInt64(), message.GetProperty("clientId").GetString()!);
        }
    }

    protected override void OnEvent(string target, JsonElement argument)
    {
        if (target == "message" && argument.GetProperty("conversationId").GetString() == ConversationId
            && View.Apply(argument.GetProperty("seq").GetInt64(), argument.GetProperty("clientId").GetString()!))
        {
            ResyncSoon(ResyncAsync);
        }
    }
}
