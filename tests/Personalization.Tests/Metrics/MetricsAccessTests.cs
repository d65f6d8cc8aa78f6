using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Personalization.Api.Access;
using Personalization.Api.Metrics;
using static Personalization.Api.Metrics.MetricsAccess;

namespace Personalization.Tests.Metrics;

/// <summary>
/// Who may scrape, for connections the HTTP tests cannot make (they run on loopback only): a scraper on the
/// pod network reaches the metrics listener without a key, and the API port only with the admin key.
/// </summary>
public sealed class MetricsAccessTests
{
    private const int ApiPort = 8080;
    private const int ListenerPort = 9464;
    private static readonly IPAddress PodNetwork = IPAddress.Parse("10.1.2.3");

    private static readonly MetricsOptions Cluster = new() { Url = $"http://+:{ListenerPort}" };

    [Fact]
    public void The_metrics_listener_needs_no_key_from_any_address() =>
        Assert.Equal(Decision.Allowed, Decide(Cluster, Connection(PodNetwork, ListenerPort), Anonymous()));

    [Fact]
    public void On_the_api_port_a_remote_scrape_needs_the_admin_key()
    {
        Assert.Equal(Decision.NeedsKey, Decide(Cluster, Connection(PodNetwork, ApiPort), Anonymous()));
        Assert.Equal(Decision.Forbidden, Decide(Cluster, Connection(PodNetwork, ApiPort), WithRole(ApiRoles.Storefront)));
        Assert.Equal(Decision.Forbidden, Decide(Cluster, Connection(PodNetwork, ApiPort), WithRole(ApiRoles.Ingest)));
        Assert.Equal(Decision.Allowed, Decide(Cluster, Connection(PodNetwork, ApiPort), WithRole(ApiRoles.Admin)));
    }

    [Fact]
    public void Loopback_needs_no_key_unless_turned_off()
    {
        Assert.Equal(Decision.Allowed, Decide(new MetricsOptions(), Connection(IPAddress.Loopback, ApiPort), Anonymous()));
        Assert.Equal(Decision.Allowed, Decide(new MetricsOptions(), Connection(IPAddress.IPv6Loopback, ApiPort), Anonymous()));
        Assert.Equal(Decision.NeedsKey, Decide(new MetricsOptions { AllowLoopback = false }, Connection(IPAddress.Loopback, ApiPort), Anonymous()));
    }

    [Fact]
    public void Without_a_listener_no_port_is_open()
    {
        Assert.Null(new MetricsOptions().ListenerPort);
        Assert.Equal(Decision.NeedsKey, Decide(new MetricsOptions(), Connection(PodNetwork, ListenerPort), Anonymous()));
    }

    [Theory]
    [InlineData("metrics", "", "Metrics:Path")]
    [InlineData("/metrics", "https://+:9464", "Metrics:Url")]
    [InlineData("/metrics", "localhost:9464", "Metrics:Url")]
    public void Unusable_settings_are_named(string path, string url, string named) =>
        Assert.Contains(new MetricsOptions { Path = path, Url = url }.Problems(), p => p.StartsWith(named, StringComparison.Ordinal));

    [Fact]
    public void The_documented_settings_are_usable()
    {
        Assert.Empty(new MetricsOptions().Problems());
        Assert.Empty(Cluster.Problems());
        Assert.Equal(ListenerPort, Cluster.ListenerPort);
    }

    private static ConnectionInfo Connection(IPAddress remote, int localPort)
    {
        var connection = new DefaultHttpContext().Connection;
        connection.RemoteIpAddress = remote;
        connection.LocalPort = localPort;
        return connection;
    }

    private static ClaimsPrincipal Anonymous() => new(new ClaimsIdentity());

    private static ClaimsPrincipal WithRole(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], ApiKeyAuthenticationHandler.SchemeName));
}
