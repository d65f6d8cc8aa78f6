using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Personalization.Api.Access;
using Personalization.Domain;
using Personalization.Silo.Models;
using Personalization.Silo.Training;
using Personalization.Tests.Durability;
using Personalization.Tests.Http;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Models;

/// <summary>
/// The cluster's path end to end on a real S3-compatible server: events posted to the product land in
/// the S3 lake, <c>train</c>'s code reads that lake and publishes to the S3 model store, and the running
/// silo swaps the model in without a restart.
/// </summary>
[Collection(S3Collection.Name)]
public sealed class TrainOnS3Tests(S3Server s3)
{
    [Fact]
    public async Task A_model_trained_from_the_S3_lake_is_published_to_S3_and_served_by_the_running_silo()
    {
        var prefix = TestEvents.Unique("t");
        string[] settings = [.. s3.Arguments(), $"--Lake:Prefix={prefix}-lake", "--Lake:MaxBatchAge=00:00:00.500", $"--Model:Prefix={prefix}-models", "--Model:PollInterval=00:00:00.200"];
        await using var host = await ProductHost.StartAsync(settings);
        using var ingest = host.Ingest();
        using var admin = host.Client(DevelopmentKeys.Admin);

        // 60 shoppers walk four steps along a ring of 10 products: the next product is learnable.
        var products = Enumerable.Range(0, 10).Select(i => $"{prefix}-p{i}").ToArray();
        var events = new JsonArray();
        for (var u = 0; u < 60; u++)
        {
            var (user, session) = ($"{prefix}-u{u}", $"{prefix}-s{u}");
            for (var step = 0; step < 4; step++) events.Add(TestEvents.Viewed(user, products[(u + step) % 10], session, u * 5 + step));
        }

        Assert.True((await ingest.PostJson("/v1/events", events)).IsSuccessStatusCode);
        var configuration = new ConfigurationBuilder().AddCommandLine(settings).Build();
        var lake = LakeReaders.Create(configuration);
        await Eventually.Matches(async () => (await lake.ListAsync(CancellationToken.None)).Count > 0 ? (await LakeEvents.ReadAsync(lake, TextWriter.Null, CancellationToken.None)).Count : 0,
            count => count == 240, TimeSpan.FromSeconds(30));

        var store = ModelStores.Create(configuration)!;
        var outcome = await TrainingRun.RunAsync(
            new TrainingSettings { Force = true, Trees = 20, MinLeafExamples = 5 }, lake, store, new RankingOptions(), [], TextWriter.Null, CancellationToken.None);

        Assert.True(outcome.Published, outcome.Message);
        Assert.Equal(240, outcome.Manifest.LakeEvents);
        Assert.StartsWith("s3://", store.Location);
        Assert.Equal(outcome.Manifest.Version, await store.LatestVersionAsync(CancellationToken.None));
        var served = await Eventually.Matches(async () => await (await admin.GetAsync("/v1/admin/model")).Json(),
            status => status.Str("ranker") == $"model:{outcome.Manifest.Version}", TimeSpan.FromSeconds(30));
        Assert.StartsWith("s3://", served.Str("source"));
    }
}
