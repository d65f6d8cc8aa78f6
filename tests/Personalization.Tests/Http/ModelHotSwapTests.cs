using System.Text.Json.Nodes;
using Personalization.Api.Access;
using Personalization.Silo.Models;
using Personalization.Tests.Infrastructure;
using Personalization.Tests.Models;
using Personalization.Tests.Ranking;

namespace Personalization.Tests.Http;

/// <summary>The real product host picks up a published model without a restart and says which ranker serves.</summary>
public sealed class ModelHotSwapTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hot-swap-").FullName;
    private ProductHost _host = null!;

    public async Task InitializeAsync() => _host = await ProductHost.StartAsync(
    [
        "--Storage:Provider=local",
        $"--Storage:Directory={_dir}",
        "--Model:PollInterval=00:00:00.100",
    ]);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> ServingRanker(HttpClient admin) => (await (await admin.GetAsync("/v1/admin/model")).Json()).Str("ranker");

    private async Task<string> OffersRanker(HttpClient storefront, string customer) =>
        (await (await storefront.GetAsync($"/v1/customers/{customer}/offers?limit=5")).Json()).Str("ranker");

    [Fact]
    public async Task A_published_model_serves_without_restart_and_a_corrupt_one_is_refused()
    {
        using var admin = _host.Client(DevelopmentKeys.Admin);
        using var storefront = _host.Storefront();
        using var ingest = _host.Ingest();
        var (alice, bob, session, otherSession) = (TestEvents.Unique("alice"), TestEvents.Unique("bob"), TestEvents.Unique("s"), TestEvents.Unique("s"));
        var (p1, p2) = (TestEvents.Unique("p"), TestEvents.Unique("p"));
        await ingest.PostJson("/v1/events", new JsonArray(
            TestEvents.Viewed(bob, p1, otherSession, 0), TestEvents.Viewed(bob, p2, otherSession, 1), TestEvents.Viewed(alice, p1, session, 10)));
        await Eventually.Matches(() => OffersRanker(storefront, alice), _ => true);
        Assert.Equal("heuristic", await ServingRanker(admin));
        Assert.Equal("heuristic", await OffersRanker(storefront, alice));

        var store = new LocalModelStore(Path.Combine(_dir, "models"));
        await store.PublishAsync("v1", TrainedModels.Zip, ModelWatcherTests.Manifest("v1"), CancellationToken.None);
        await Eventually.Matches(() => ServingRanker(admin), r => r == "model:v1");
        var offers = await Eventually.Matches(
            async () => await (await storefront.GetAsync($"/v1/customers/{alice}/offers?limit=5")).Json(),
            o => o.GetProperty("offers").EnumerateArray().Any(x => x.Str("productId") == p2));
        Assert.Equal("model:v1", offers.Str("ranker"));

        await store.PublishAsync("v2", "definitely not a model"u8.ToArray(), ModelWatcherTests.Manifest("v2"), CancellationToken.None);
        var status = await Eventually.Matches(async () => await (await admin.GetAsync("/v1/admin/model")).Json(),
            s => s.TryGetProperty("refusedVersion", out var refused) && refused.GetString() == "v2");
        Assert.Equal("model:v1", status.Str("ranker"));
        Assert.Contains("not a readable ML.NET model", status.Str("refusedReason"));
        Assert.Equal("model:v1", await OffersRanker(storefront, alice));
    }
}
