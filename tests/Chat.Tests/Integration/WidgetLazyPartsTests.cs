using System.Net;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

/// <summary>The widget's parts fetched on first use: served by plain name only, never a path out of their folder.</summary>
public sealed class WidgetLazyPartsTests : IAsyncLifetime
{
    private ChatServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_after_chat_part_is_served_as_a_script()
    {
        var response = await _server.Http.GetAsync("widget/lazy/afterChat.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("export", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("widget/lazy/..%2Fframe.js")]
    [InlineData("widget/lazy/%2E%2E%2F%2E%2E%2Fappsettings.json")]
    [InlineData("widget/lazy/afterChat.js%00.png")]
    [InlineData("widget/lazy/nothing.js")]
    [InlineData("widget/lazy/frame.css")]
    public async Task Anything_but_a_known_part_is_not_found(string path)
    {
        var response = await _server.Http.GetAsync(path);

        // Kestrel itself refuses a NUL in the path (400); everything else finds no route or file.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
    }
}
