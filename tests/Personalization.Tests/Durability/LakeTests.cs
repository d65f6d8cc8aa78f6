using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Silo.Lake;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Durability;

[Collection(S3Collection.Name)]
public sealed class LakeTests(S3Server s3)
{
    [Fact]
    public async Task Accepted_events_land_on_S3_as_hour_partitioned_Parquet_that_an_independent_reader_counts()
    {
        var prefix = TestEvents.Unique("lake");
        await using var host = await ProductHost.StartAsync(
            [.. s3.Arguments(), $"--Lake:Prefix={prefix}", "--Lake:MaxBatchEvents=100", "--Lake:MaxBatchAge=00:00:01"]);

        // 5 requests of 50 events; minutes 0..249 from 12:00 span the hours 12 to 16.
        var sent = new HashSet<string>(StringComparer.Ordinal);
        using var ingest = host.Ingest();
        for (var request = 0; request < 5; request++)
        {
            var batch = new JsonArray();
            for (var i = 0; i < 50; i++)
            {
                var minute = request * 50 + i;
                var evt = TestEvents.Viewed(TestEvents.Unique("lake-shopper"), $"p-{minute % 7}", minute: minute, category: "shoes");
                sent.Add(evt["messageId"]!.GetValue<string>());
                batch.Add(evt);
            }

            (await ingest.PostAsJsonAsync("/v1/events", batch)).EnsureSuccessStatusCode();
        }

        var lake = host.Services.GetRequiredService<LakeWriter>();
        await Eventually.Matches(() => Task.FromResult(lake.RowsWritten), rows => rows == sent.Count, TimeSpan.FromSeconds(30));

        var keys = await s3.KeysAsync(prefix + "/");
        Assert.All(keys, key => Assert.Matches($@"^{prefix}/events/date=2026-11-01/hour=(12|13|14|15|16)/part-\d{{8}}T\d{{6}}Z-[0-9a-f]{{32}}\.parquet$", key));
        Assert.Equal(["12", "13", "14", "15", "16"], keys.Select(k => k.Split("/hour=")[1][..2]).Distinct().Order());

        var read = new List<string>();
        foreach (var key in keys)
        {
            var ids = await LakeMessageIds.ReadAsync(await s3.ReadAsync(key));
            Assert.InRange(ids.Count, 1, 100);
            read.AddRange(ids);
        }

        Assert.Equal(sent.Count, read.Count);
        Assert.True(sent.SetEquals(read), "The lake holds exactly the events sent, each once.");
        Assert.True(keys.Count < sent.Count / 10, $"Events are batched, not written one by one: {keys.Count} files for {sent.Count} events.");
    }
}
