using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Silo.Training;

namespace Personalization.Tests.Training;

public sealed class TrainingSetBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static ShopperEvent Viewed(string user, string product, int minute) => new()
    {
        MessageId = $"{user}-{product}-{minute}",
        Kind = EventKind.ProductViewed,
        UserId = user,
        SessionKey = "s-" + user,
        Timestamp = T0.AddMinutes(minute),
        ProductId = product,
    };

    private static Task<TrainingSet> Build(IReadOnlyList<ShopperEvent> events, double validationShare = 0.5) =>
        TrainingSetBuilder.BuildAsync(events, Array.Empty<ProductRecord>(), new RankingOptions(), new TrainingSettings { ValidationShare = validationShare }, TextWriter.Null, CancellationToken.None);

    [Fact]
    public async Task A_decision_is_ranked_from_the_state_before_its_event_never_after()
    {
        // u1 is the first to go from a to b; u2 follows the same path later.
        var set = await Build([Viewed("u1", "a", 0), Viewed("u1", "b", 1), Viewed("u2", "a", 2), Viewed("u2", "b", 3)]);

        var all = set.Train.Concat(set.Validation).ToList();
        var query = Assert.Single(all); // u1's step to b could not be predicted: nothing had linked a to b yet
        Assert.Equal("u2", query.UserId);
        Assert.Equal(T0.AddMinutes(3), query.At);
        Assert.Equal(["b"], query.Targets);
        Assert.True(query.Labels[Array.IndexOf(query.ProductIds, "b")]);
        Assert.Equal(2, set.TrainDecisions + set.ValidationDecisions); // both steps were decisions; u1's counts as a miss
    }

    [Fact]
    public async Task Only_products_new_to_the_customer_are_targets_and_the_first_interaction_is_no_decision()
    {
        var set = await Build([Viewed("u1", "a", 0), Viewed("u1", "b", 1), Viewed("u2", "a", 2), Viewed("u2", "b", 3), Viewed("u2", "a", 4)]);

        Assert.Equal(2, set.TrainDecisions + set.ValidationDecisions); // u2 viewing a again is not a decision
        Assert.DoesNotContain(set.Train.Concat(set.Validation), q => q.Targets.Contains("a"));
    }

    [Fact]
    public async Task The_validation_window_is_the_latest_decisions_in_time()
    {
        var events = new List<ShopperEvent>();
        for (var u = 0; u < 40; u++)
        {
            events.Add(Viewed($"u{u}", "a", u * 10));
            events.Add(Viewed($"u{u}", "b", u * 10 + 1));
            events.Add(Viewed($"u{u}", "c", u * 10 + 2));
        }

        var set = await Build(events, validationShare: 0.25);

        Assert.All(set.Train, q => Assert.True(q.At < set.ValidationFrom));
        Assert.All(set.Validation, q => Assert.True(q.At >= set.ValidationFrom));
        Assert.Equal(80, set.TrainDecisions + set.ValidationDecisions);
        Assert.InRange(set.ValidationDecisions, 18, 22);
    }

    [Fact]
    public async Task A_lake_with_no_customer_history_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Build([Viewed("u1", "a", 0)]));

        Assert.Contains("training needs more history", error.Message);
    }
}
