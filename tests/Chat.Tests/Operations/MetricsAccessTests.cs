using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Server;
using Chat.Server.Observability;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Operations;

/// <summary>/metrics is never public by default: loopback only, the configured addresses, or a port of its own.</summary>
public sealed class MetricsAccessTests
{
    [Fact]
    public async Task A_scrape_from_an_address_not_allowed_is_refused()
    {
        await using var server = await ChatServer.StartAsync("--Chat:Metrics:Enabled=true", "--Chat:Metrics:AllowedAddresses:0=10.1.2.3", "--Chat:Metrics:AllowedAddresses:1=192.168.0.0/16");

        var response = await server.Http.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("metrics_not_allowed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.DoesNotContain("chat_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_port_of_its_own_metrics_are_served_only_there_and_that_port_serves_nothing_else()
    {
        var port = ProcessRunner.FreePort();
        await using var server = await ChatServer.StartAsync("--Chat:Metrics:Enabled=true", $"--Chat:Metrics:Port={port}");
        using var metricsPort = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("metrics")).StatusCode);
        Assert.Contains("chat_queue_length", (await Scrape.ReadAsync(metricsPort)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await metricsPort.GetAsync("healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metricsPort.GetAsync($"api/sites/{ChatServer.SiteKey}/widget")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metricsPort.PostAsJsonAsync("api/visitors", new { siteKey = ChatServer.SiteKey, name = "Ana" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("healthz/live")).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("2001:db8::1", false)]
    public void By_default_only_loopback_may_scrape(string remote, bool allowed) =>
        Assert.Equal(allowed, MetricsAccess.From(new MetricsOptions { Enabled = true }).Allows(IPAddress.Parse(remote)));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("10.1.2.4", false)]
    [InlineData("172.16.9.9", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("fd00::7", true)]
    public void Configured_addresses_and_networks_replace_the_default(string remote, bool allowed)
    {
        var access = MetricsAccess.From(new MetricsOptions { Enabled = true, AllowedAddresses = ["10.1.2.3", " 172.16.0.0/12 ", "fd00::/8"] });

        Assert.Equal(allowed, access.Allows(IPAddress.Parse(remote)));
        Assert.False(access.Allows(null));
    }

    [Fact]
    public void With_a_port_and_no_addresses_anyone_reaching_the_port_may_scrape() =>
        Assert.True(MetricsAccess.From(new MetricsOptions { Enabled = true, Port = 9464 }).Allows(IPAddress.Parse("203.0.113.9")));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("localhost")]
    public void A_wrong_address_stops_the_start_with_a_clear_error(string entry)
    {
        var e = Assert.Throws<InvalidOperationException>(() => MetricsAccess.From(new MetricsOptions { Enabled = true, AllowedAddresses = [entry] }));
        Assert.Contains(entry, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_with_a_wrong_address_does_not_start()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ChatServer.StartAsync("--Chat:Metrics:Enabled=true", "--Chat:Metrics:AllowedAddresses:0=everyone"));
        Assert.Contains("Chat:Metrics:AllowedAddresses", e.Message, StringComparison.Ordinal);
    }
}
