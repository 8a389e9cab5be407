using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chat.Server.Api;

/// <summary>Examples of request and answer bodies in the document, and the Idempotency-Key header on every write.</summary>
internal static class ApiExamples
{
    private const string Conversation =
        """{ "id": "c9d8e7f6a5b4c3d2e1f0a9b8", "status": "open", "customerId": "3a4b5c6d7e8f9a0b1c2d3e4f", "agentId": "5b1f0c2d9e8a7b6c5d4e3f21", "agentName": "Sam Small", "createdAt": "2026-03-02T09:12:40+00:00", "assignedAt": "2026-03-02T09:12:41+00:00", "resolvedAt": null, "rating": null, "ratingComment": null, "lastSeq": 4, "tags": ["refund"] }""";

    private const string Message =
        """{ "conversationId": "c9d8e7f6a5b4c3d2e1f0a9b8", "seq": 5, "clientId": "order-4711-update", "sender": "agent", "senderId": "5b1f0c2d9e8a7b6c5d4e3f21", "senderName": "Sam Small", "text": "Your order 4711 left our warehouse today.", "createdAt": "2026-03-02T09:20:03+00:00" }""";

    private const string Customer =
        """{ "id": "3a4b5c6d7e8f9a0b1c2d3e4f", "name": "Ana Lima", "email": "ana@example.com", "firstSeen": "2026-01-14T17:03:11+00:00", "lastSeen": "2026-03-02T09:12:40+00:00", "visits": 7, "attributes": { "plan": "pro", "orders": 12, "newsletter": true } }""";

    private const string Agent =
        """{ "id": "5b1f0c2d9e8a7b6c5d4e3f21", "name": "Sam Small", "role": "agent", "presence": "online", "load": 2, "capacity": 5 }""";

    private const string NextAction =
        """{ "id": "8f7e6d5c4b3a29180f7e6d5c", "conversationId": "c9d8e7f6a5b4c3d2e1f0a9b8", "kind": "promise", "what": "Email the refund confirmation", "ownerId": "5b1f0c2d9e8a7b6c5d4e3f21", "ownerName": "Sam Small", "dueAt": "2026-03-02T15:00:00+00:00", "doneAt": null, "outcome": null }""";

    private const string Note =
        """{ "conversationId": "c9d8e7f6a5b4c3d2e1f0a9b8", "clientId": "crm-note-1", "authorName": "Sam Small", "text": "VIP customer: refund approved by CRM.", "createdAt": "2026-03-02T09:21:00+00:00" }""";

    private static string Page(string item) => $$"""{ "items": [{{item}}], "next": "eyJhIjoxNzQwOTA2NzYwMDAwLCJpIjoiYzlkOCJ9" }""";

    /// <summary>The success answer of each operation, by its operationId.</summary>
    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["listAgents"] = $"[{Agent}]",
        ["listConversations"] = Page(Conversation),
        ["getConversation"] = Conversation,
        ["sendMessage"] = Message,
        ["addNote"] = Note,
        ["assignConversation"] = Conversation,
        ["transferConversation"] = Conversation,
        ["resolveConversation"] = Conversation,
        ["reopenConversation"] = Conversation,
        ["tagConversation"] = """["refund", "vip"]""",
        ["listCustomers"] = Page(Customer),
        ["getCustomer"] = Customer,
        ["updateCustomer"] = Customer,
        ["listMessages"] = Page(Message),
        ["listNextActions"] = Page(NextAction),
    };

    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["sendMessage"] = """{ "clientId": "order-4711-update", "text": "Your order 4711 left our warehouse today." }""",
        ["addNote"] = """{ "clientId": "crm-note-1", "text": "VIP customer: refund approved by CRM.", "agentId": "5b1f0c2d9e8a7b6c5d4e3f21" }""",
        ["assignConversation"] = """{ "agentId": "5b1f0c2d9e8a7b6c5d4e3f21" }""",
        ["transferConversation"] = """{ "toAgentId": "7c2e1d3f0a9b8c7d6e5f4a32", "note": "Billing question, over to you." }""",
        ["reopenConversation"] = """{ }""",
        ["tagConversation"] = """{ "tag": "refund" }""",
        ["updateCustomer"] = """{ "email": "ana@example.com", "attributes": { "plan": "pro", "orders": 12, "newsletter": true } }""",
    };

    public static Task Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.OperationId is { } id && Bodies.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = JsonNode.Parse(example);
        }

        if (operation.OperationId is { } answered && Answers.TryGetValue(answered, out var answer) && operation.Responses is { } responses)
        {
            foreach (var (status, response) in responses)
            {
                if (status.StartsWith('2') && response.Content?.TryGetValue("application/json", out var body) == true)
                {
                    body.Example = JsonNode.Parse(answer);
                }
            }
        }

        var method = context.Description.HttpMethod;
        if (method is "POST" or "PATCH")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyFilter.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any unique text (a UUID): a retry with the same key gets the first answer and changes nothing again. Kept for 24 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
            });
        }

        return Task.CompletedTask;
    }
}
