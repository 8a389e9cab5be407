using System.Net;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Integration;

public sealed class WidgetDeliveryTests
{
    [Fact]
    public async Task The_loader_travels_compressed_to_browsers_that_accept_it()
    {
        await using var server = await ChatServer.StartAsync();
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "widget.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await http.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var plain = await server.Http.GetByteArrayAsync("widget.js");

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(compressed.Length < plain.Length * 0.7, $"{compressed.Length} bytes compressed against {plain.Length} plain");
    }
}
