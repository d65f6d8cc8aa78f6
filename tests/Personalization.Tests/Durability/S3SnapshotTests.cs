using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Silo.Storage;
using Personalization.Silo.Storage.S3;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Durability;

[Collection(S3Collection.Name)]
public sealed class S3SnapshotTests(S3Server s3)
{
    [Fact]
    public async Task Snapshots_land_on_S3_and_a_reactivated_grain_reloads_them()
    {
        await using var host = await ProductHost.StartAsync([.. s3.Arguments(), "--Snapshots:FlushInterval=00:00:00.500"]);
        var customer = TestEvents.Unique("s3-customer");
        var events = new JsonArray(
            TestEvents.Viewed(customer, "p-1", minute: 1),
            TestEvents.Viewed(customer, "p-2", minute: 2),
            TestEvents.Added(customer, "p-2", minute: 3));
        using var ingest = host.Ingest();
        (await ingest.PostAsJsonAsync("/v1/events", events)).EnsureSuccessStatusCode();

        var grain = host.Grains.GetGrain<ICustomerGrain>(customer);
        await Eventually.Matches(async () => (await grain.GetSnapshot()).EventCount, count => count == 3);

        // The flush timer writes the snapshot: one object under snapshots/{fanout}/customer-behaviour/.
        var key = $"snapshots/{SnapshotKey.Of("customer-behaviour", grain.GetGrainId()).Fanout}/customer-behaviour/customer%2F{customer}.bin";
        await Eventually.Matches(() => s3.KeysAsync(key), keys => keys.Count == 1);
        var stored = await s3.ReadAsync(key);
        Assert.Equal("PZS1"u8.ToArray(), stored[..4]);

        // Deactivate it through the cluster; the next call activates it again from its S3 snapshot.
        var counter = host.Services.GetRequiredService<S3RequestCounter>();
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var getsBefore = counter.Gets;
        await Eventually.Matches(async () => (await grain.GetSnapshot()).EventCount, count => count == 3);
        Assert.True(counter.Gets > getsBefore, $"The reactivated grain should have read S3; requests: {counter}");
        var view = await grain.GetView();
        Assert.Equal(2, view.EventCounts[EventNames.NameOf(EventKind.ProductViewed)]);
        Assert.Equal(1, view.EventCounts[EventNames.NameOf(EventKind.ProductAdded)]);
    }
}
