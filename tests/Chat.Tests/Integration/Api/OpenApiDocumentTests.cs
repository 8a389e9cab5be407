using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration.Api;

/// <summary>
/// The API's OpenAPI document is its contract: every operation says what it does and what it
/// answers. This test is the CI check; an endpoint added without a description or a response
/// type fails it.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private ChatServer _server = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _server = await ChatServer.StartAsync();
        _document = await (await _server.Http.GetAsync("openapi/v1.json")).JsonAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void The_document_is_openapi_3_1_with_bearer_authentication_and_only_the_rest_api()
    {
        Assert.StartsWith("3.1", _document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("bearer", _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("scheme").GetString());
        var paths = _document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        Assert.Contains("/api/v1/conversations/{id}/messages", paths);
        Assert.Contains("/api/v1/customers/{id}", paths);
        Assert.Contains("/api/v1/agents", paths);
        Assert.Contains("/api/v1/next-actions", paths);
    }

    [Fact]
    public void Every_operation_has_a_summary_a_description_and_a_typed_success_answer_with_an_example()
    {
        var missing = new List<string>();
        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "patch" or "put" or "delete"))
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!HasText(operation.Value, "summary") || !HasText(operation.Value, "description") || !HasText(operation.Value, "operationId"))
                {
                    missing.Add($"{name}: summary, description or operationId");
                }

                var responses = operation.Value.GetProperty("responses");
                var success = responses.EnumerateObject().FirstOrDefault(r => r.Name.StartsWith('2'));
                if (success.Value.ValueKind != JsonValueKind.Object
                    || !success.Value.TryGetProperty("content", out var content)
                    || !content.TryGetProperty("application/json", out var json)
                    || !json.TryGetProperty("schema", out _))
                {
                    missing.Add($"{name}: a 2xx answer with a JSON schema");
                }
                else if (!json.TryGetProperty("example", out _))
                {
                    missing.Add($"{name}: an example of its 2xx answer");
                }

                foreach (var status in new[] { "400", "401", "404", "429" })
                {
                    if (!responses.TryGetProperty(status, out _))
                    {
                        missing.Add($"{name}: the {status} problem answer");
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Writes_document_the_idempotency_key_and_show_an_example_body()
    {
        var send = _document.GetProperty("paths").GetProperty("/api/v1/conversations/{id}/messages").GetProperty("post");

        Assert.Contains(send.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        var example = send.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.False(string.IsNullOrEmpty(example.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task The_reference_page_is_served()
    {
        var page = await _server.Http.GetAsync("api/docs");

        page.EnsureSuccessStatusCode();
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static bool HasText(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && !string.IsNullOrWhiteSpace(value.GetString());
}
