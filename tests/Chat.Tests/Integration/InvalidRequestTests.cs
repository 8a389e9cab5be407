using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Chat.Server.Agents;
using Chat.Server.Visitors;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Integration;

/// <summary>
/// Every refusal has a code: a null or missing request, a wrong JSON type, an unknown field or a
/// surplus argument on every hub method and every JSON endpoint answers <c>invalid_request</c>
/// with what was wrong, and changes nothing. The methods and endpoints are found by reflection,
/// so a new one cannot be forgotten.
/// </summary>
public sealed class InvalidRequestTests : IAsyncLifetime
{
    private readonly CapturedLog _log = new();
    private ChatServer _server = null!;

    public static TheoryData<string> VisitorMethods => Methods(typeof(VisitorHub));

    public static TheoryData<string> AgentMethods => Methods(typeof(AgentHub));

    public async Task InitializeAsync() =>
        _server = await ChatServer.StartAsync(s => s.AddSingleton<ILoggerProvider>(_log), "--Logging:LogLevel:Default=Information");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(VisitorMethods))]
    public async Task Every_visitor_hub_method_refuses_malformed_calls_with_invalid_request(string method)
    {
        var visitor = await _server.NewVisitorAsync();
        await using var hub = await _server.ConnectVisitorAsync(visitor);

        await RefusesMalformedCallsAsync(hub, typeof(VisitorHub), method);

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE customer_id = @CustomerId", new { visitor.CustomerId }));
        // The connection is still good for a well-formed call.
        Assert.Equal(visitor.CustomerId, (await hub.InvokeAsync("Resume")).GetProperty("customer").GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(AgentMethods))]
    public async Task Every_agent_hub_method_refuses_malformed_calls_with_invalid_request(string method)
    {
        await using var hub = await _server.ConnectAgentAsync(await _server.SignInAgentAsync());

        await RefusesMalformedCallsAsync(hub, typeof(AgentHub), method);

        Assert.Equal(0, (await hub.InvokeAsync("GetMyChats")).GetArrayLength());
    }

    [Fact]
    public async Task A_wrong_type_or_unknown_field_in_a_message_says_which_field_and_stores_nothing()
    {
        await using var hub = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        var conversationId = (await hub.InvokeAsync("StartConversation")).GetProperty("id").GetString()!;

        var wrongType = await Refused.With("invalid_request", () => hub.InvokeAsync("Send", new { conversationId, clientId = "c-1", text = 42 }));
        Assert.Contains("'text'", wrongType.Sentence, StringComparison.Ordinal);
        var unknown = await Refused.With("invalid_request", () => hub.InvokeAsync("Send", new { conversationId, clientId = "c-2", text = "hi", isAdmin = true }));
        Assert.Contains("'isAdmin'", unknown.Sentence, StringComparison.Ordinal);
        await Refused.With("invalid_request", () => hub.InvokeAsync("NoSuchMethod", new { conversationId }));

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @conversationId", new { conversationId }));
    }

    [Fact]
    public async Task A_flood_of_refused_calls_leaves_a_short_log_without_stack_traces()
    {
        await using var hub = await _server.ConnectVisitorAsync(await _server.NewVisitorAsync());
        const int calls = 400;
        var answers = await Task.WhenAll(Enumerable.Range(0, calls).Select(_ =>
            Assert.ThrowsAsync<HubException>(() => hub.InvokeArgumentsAsync("Send", [null]))));
        Assert.All(answers, e => Assert.Equal("invalid_request", HubRefusal.Parse(e.Message).Code));

        var refusals = _log.Entries.Where(e => e.Message.Contains("Refused", StringComparison.Ordinal)).ToList();
        Assert.InRange(refusals.Count, 1, Chat.Server.Refusals.RefusalLog.LoggedPerWindow);
        await hub.DisposeAsync();
        var summary = await _log.WaitForAsync(e => e.Message.Contains($"Refused {calls - refusals.Count} more calls", StringComparison.Ordinal));

        Assert.Equal(LogLevel.Information, summary.Level);
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(_log.Entries, e => e.Exception is not null);
        Assert.True(_log.Entries.Sum(e => e.Message.Length) < 20_000, "the whole log of the flood stays small");
    }

    [Fact]
    public async Task Every_json_endpoint_refuses_a_null_body_a_wrong_type_and_an_unknown_field_with_invalid_request()
    {
        var endpoints = JsonEndpoints();
        Assert.NotEmpty(endpoints);
        // The REST API checks its key before it reads a body: it gets a valid one, so the body is what is refused.
        var apiKey = await _server.CreateApiKeyAsync(["read", "write"]);
        foreach (var (path, optional) in endpoints)
        {
            // A JSON null is "no body", which an endpoint whose body is optional rightly takes.
            foreach (var body in new[] { "null", "42", "[]", """{"unknownField":1}""", "{not json" }.Skip(optional ? 1 : 0))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Origin", _server.Origin);
                if (path.StartsWith("api/v1/", StringComparison.Ordinal))
                {
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
                }

                var response = await _server.Http.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} with {body}: {response.StatusCode}");
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
                Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), $"{path} with {body} says what was wrong");
            }
        }

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT COUNT(*) FROM customers"));
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_wrong_type_on_an_endpoint_names_the_field()
    {
        var response = await _server.Http.PostAsJsonAsync("api/visitors", new { siteKey = ChatServer.SiteKey, name = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        Assert.Contains("'name'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task RefusesMalformedCallsAsync(HubSession hub, Type hubType, string method)
    {
        var parameters = hubType.GetMethod(method)!.GetParameters();
        if (parameters.Length == 0)
        {
            await Refused.With("invalid_request", () => hub.InvokeArgumentsAsync(method, ["surplus"]));
            return;
        }

        Assert.Single(parameters);
        var missing = await Refused.With("invalid_request", () => hub.InvokeArgumentsAsync(method, [null]));
        Assert.Contains(method, missing.Sentence, StringComparison.Ordinal);
        await Refused.With("invalid_request", () => hub.InvokeArgumentsAsync(method, []));
        await Refused.With("invalid_request", () => hub.InvokeArgumentsAsync(method, [42]));
        await Refused.With("invalid_request", () => hub.InvokeArgumentsAsync(method, ["text where an object belongs"]));
        var unknown = await Refused.With("invalid_request", () => hub.InvokeArgumentsAsync(method, [new { unexpectedField = 1 }]));
        Assert.Contains("'unexpectedField'", unknown.Sentence, StringComparison.Ordinal);
        await Refused.With("invalid_request", () => hub.InvokeArgumentsAsync(method, [new { conversationId = new[] { 1, 2 } }]));
    }

    private static TheoryData<string> Methods(Type hub)
    {
        var data = new TheoryData<string>();
        foreach (var method in hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync))))
        {
            data.Add(method.Name);
        }

        return data;
    }

    /// <summary>Every POST endpoint that reads a JSON body, from the server's own route table.</summary>
    private IReadOnlyList<(string Path, bool OptionalBody)> JsonEndpoints() =>
        [.. _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true
                && e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true)
            .Select(e => (e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<IAcceptsMetadata>()!.IsOptional))];
}
