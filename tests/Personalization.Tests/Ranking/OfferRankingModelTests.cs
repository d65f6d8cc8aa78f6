using Personalization.Domain;
using Personalization.Ranking;
using Personalization.Silo.Training;

namespace Personalization.Tests.Ranking;

public sealed class OfferRankingModelTests
{
    [Fact]
    public void A_trained_model_loads_and_ranks_the_learned_signal_first()
    {
        var model = OfferRankingModel.Load(TrainedModels.Zip, OfferFeatures.Names, "v1");

        var unseen = TrainedModels.Queries(200, seed: 99);
        var metrics = ShortlistMetrics.Model(unseen, unseen.Count, model);
        var heuristic = ShortlistMetrics.Heuristic(unseen, unseen.Count);

        Assert.Equal("v1", model.Version);
        Assert.True(metrics["NDCG@10"] > 0.9, $"NDCG@10 {metrics["NDCG@10"]}"); // 8 candidates: a hit is certain, the rank is what is learned
        Assert.True(metrics["NDCG@10"] > heuristic["NDCG@10"] + 0.2, $"model {metrics["NDCG@10"]} vs random-feature order {heuristic["NDCG@10"]}");
    }

    [Fact]
    public void Scores_do_not_depend_on_which_thread_or_batch_asks()
    {
        var model = OfferRankingModel.Load(TrainedModels.Zip, OfferFeatures.Names, "v1");
        var query = TrainedModels.Queries(1, seed: 5)[0];
        var alone = new float[query.Count];
        model.Score(query.Features, query.Count, alone);

        var parallel = Enumerable.Range(0, 8).AsParallel().Select(_ =>
        {
            var scores = new float[query.Count];
            model.Score(query.Features, query.Count, scores);
            return scores;
        }).ToList();

        Assert.All(parallel, scores => Assert.Equal(alone, scores));
        var first = new float[1];
        model.Score(query.Features.AsSpan(0, OfferFeatures.Count), 1, first);
        Assert.Equal(alone[0], first[0]);
    }

    [Fact]
    public void Bytes_that_are_not_a_model_are_refused_with_the_reason()
    {
        var error = Assert.Throws<InvalidDataException>(() => OfferRankingModel.Load("not a zip at all"u8.ToArray(), OfferFeatures.Names, "bad"));

        Assert.Contains("bad is not a readable ML.NET model", error.Message);
    }

    [Fact]
    public void A_model_trained_on_other_features_is_refused()
    {
        var renamed = OfferFeatures.Names.Select((n, i) => i == 0 ? "some_old_feature" : n).ToList();

        var error = Assert.Throws<InvalidDataException>(() => OfferRankingModel.Load(TrainedModels.Zip, renamed, "old"));

        Assert.Contains("some_old_feature", error.Message);
        Assert.Contains("Train a model with this release", error.Message);
    }

    [Fact]
    public void Training_without_a_single_labelled_shortlist_says_there_is_nothing_to_learn()
    {
        var error = Assert.Throws<InvalidDataException>(() => OfferRankerTrainer.Train([], TrainedModels.Settings));

        Assert.Contains("nothing to learn", error.Message);
    }
}
