using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Personalization.Domain;
using Personalization.Ranking;

namespace Personalization.Silo.Training;

/// <summary>
/// Trains the offer ranker with ML.NET: FastTree LambdaMART (gradient-boosted trees optimising NDCG
/// within each query's shortlist), labels 1 for the candidates the shopper then chose, 0 otherwise.
/// The model is saved with the serving input schema (one <c>Features</c> vector), so a silo loads it
/// with <see cref="OfferRankingModel.Load"/> and nothing else.
/// </summary>
public static class OfferRankerTrainer
{
    public const string Name = "ML.NET FastTree LambdaMART";

    private sealed class Row
    {
        public float Label { get; set; }
        public uint Query { get; set; }
        public float[] Features { get; set; } = [];
    }

    public static byte[] Train(IReadOnlyList<TrainingQuery> queries, TrainingSettings settings)
    {
        if (queries.Count == 0) throw new InvalidDataException("No training query has a target in its shortlist: there is nothing to learn from.");
        var ml = new MLContext(seed: 0);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, OfferFeatures.Count);
        schema[nameof(Row.Query)].ColumnType = new KeyDataViewType(typeof(uint), (ulong)queries.Count + 1);
        var data = ml.Data.LoadFromEnumerable(Rows(queries), schema);

        var trainer = ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            RowGroupColumnName = nameof(Row.Query),
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinLeafExamples,
            LearningRate = settings.LearningRate,
            // The metric that matters is the top of the list: NDCG over the first 10.
            NdcgTruncationLevel = 10,
            FeatureFraction = 0.9,
        });
        var model = trainer.Fit(data);

        var servingInput = ml.Data.LoadFromEnumerable(Array.Empty<OfferRankingModel.FeatureRow>(), OfferRankingModel.InputSchema()).Schema;
        using var stream = new MemoryStream();
        ml.Model.Save(model, servingInput, stream);
        return stream.ToArray();
    }

    private static IEnumerable<Row> Rows(IReadOnlyList<TrainingQuery> queries)
    {
        for (var q = 0; q < queries.Count; q++)
        {
            var query = queries[q];
            for (var i = 0; i < query.Count; i++)
            {
                yield return new Row
                {
                    Label = query.Labels[i] ? 1 : 0,
                    Query = (uint)q + 1, // key values start at 1; 0 is "missing"
                    Features = query.Features.AsSpan(i * OfferFeatures.Count, OfferFeatures.Count).ToArray(),
                };
            }
        }
    }
}
