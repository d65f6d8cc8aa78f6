using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Personalization.Domain;

namespace Personalization.Ranking;

/// <summary>
/// A trained ML.NET offer ranker (FastTree LambdaMART over <see cref="OfferFeatures"/>), as served.
/// Loading checks everything a bad file could get wrong before the model may serve: the zip must be an
/// ML.NET model, it must take a <c>Features</c> vector of exactly <see cref="OfferFeatures.Count"/>
/// values and produce a <c>Score</c>, the manifest's feature names must be ours in our order, and a
/// probe row must score to a finite number. PredictionEngine is not thread-safe, so scoring rents one
/// from a small pool: queries on different threads never share one.
/// </summary>
public sealed class OfferRankingModel : IOfferScorer
{
    public const string FeaturesColumn = "Features";
    public const string ScoreColumn = "Score";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _inputSchema;
    private readonly ConcurrentBag<PredictionEngine<FeatureRow, ScoreRow>> _engines = [];

    public sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }

    public sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    private OfferRankingModel(MLContext ml, ITransformer model, string version)
    {
        _ml = ml;
        _model = model;
        Version = version;
        _inputSchema = InputSchema();
    }

    public string Version { get; }

    /// <summary>The input of every offer model: one <c>Features</c> vector of <see cref="OfferFeatures.Count"/> floats.</summary>
    public static SchemaDefinition InputSchema()
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, OfferFeatures.Count);
        return schema;
    }

    /// <summary>Loads and checks a model; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static OfferRankingModel Load(byte[] zip, IReadOnlyList<string> featureNames, string version)
    {
        if (!featureNames.SequenceEqual(OfferFeatures.Names))
        {
            throw new InvalidDataException(
                $"Model {version} was trained on features [{string.Join(", ", featureNames)}], but this release computes [{string.Join(", ", OfferFeatures.Names)}]. Train a model with this release.");
        }

        var ml = new MLContext(seed: 0);
        ITransformer model;
        DataViewSchema input;
        try
        {
            using var stream = new MemoryStream(zip, writable: false);
            model = ml.Model.Load(stream, out input);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Model {version} is not a readable ML.NET model: {exception.Message}", exception);
        }

        if (input?.GetColumnOrNull(FeaturesColumn) is not { } features || features.Type is not VectorDataViewType { Size: var size } || size != OfferFeatures.Count)
            throw new InvalidDataException($"Model {version} does not take a '{FeaturesColumn}' vector of {OfferFeatures.Count} values.");

        var loaded = new OfferRankingModel(ml, model, version);
        var probe = new float[OfferFeatures.Count];
        var score = new float[1];
        try
        {
            loaded.Score(probe, 1, score);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Model {version} cannot score an offer: {exception.Message}", exception);
        }

        if (!float.IsFinite(score[0])) throw new InvalidDataException($"Model {version} scores a neutral offer as {score[0]}.");
        return loaded;
    }

    public void Score(ReadOnlySpan<float> features, int rows, Span<float> scores)
    {
        var count = OfferFeatures.Count;
        if (features.Length < rows * count || scores.Length < rows) throw new ArgumentException("Fewer features or scores than rows.");
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(_model, ignoreMissingColumns: false, inputSchemaDefinition: _inputSchema);
        try
        {
            var row = new FeatureRow { Features = new float[count] };
            var result = new ScoreRow();
            for (var i = 0; i < rows; i++)
            {
                features.Slice(i * count, count).CopyTo(row.Features);
                engine.Predict(row, ref result);
                scores[i] = result.Score;
            }
        }
        finally
        {
            _engines.Add(engine);
        }
    }
}
