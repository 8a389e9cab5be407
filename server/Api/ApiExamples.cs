using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chat.Server.Api;

/// <summary>Examples of request bodies in the document, and the Idempotency-Key header on every write.</summary>
internal static class ApiExamples
{
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
