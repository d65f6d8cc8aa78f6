using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;
using Personalization.Catalog;

namespace Personalization.Domain;

/// <summary>
/// Turns catalogue records into weighted term vectors with an ML.NET pipeline: <c>FeaturizeText</c>
/// normalizes title and description (lower case, no diacritics or punctuation, English stop words
/// removed) into word unigrams and bigrams; category levels and brand are one-hot attribute terms,
/// which say more than a word. Terms are kept by name (the pipeline's slot names), so vectors from
/// different batches share one term space and the <see cref="ContentIndex"/> weighs them by the
/// inverse document frequency of the whole current catalogue. A batch fits its own vocabulary, which
/// is all a batch needs: a term no record of the batch has cannot appear in its vectors.
/// Not thread-safe (one ML.NET context): the content index grain and the replays each own one.
/// </summary>
/// <remarks>
/// Character n-grams (FeaturizeText's default) are left out: they match spelling variants, but every
/// trigram is shared by a large part of the catalogue, which makes the inverted index nearly dense and
/// neighbour search quadratic. Weights: title 1, description ½, attributes 2; term frequency is
/// damped (1 + ln tf) so a word repeated in a description does not dominate; vectors are L2-normalized.
/// </remarks>
public sealed class ContentFeaturizer
{
    public const double TitleWeight = 1.0;
    public const double DescriptionWeight = 0.5;
    public const double AttributeWeight = 2.0;

    private readonly MLContext _ml = new(seed: 0);

    private sealed class Row
    {
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";

        [VectorType]
        public string[] Attributes { get; set; } = [];
    }

    /// <summary>One L2-normalized term vector per record, in the order given (empty for a record with no text).</summary>
    public List<Dictionary<string, float>> Featurize(IReadOnlyList<ProductRecord> records)
    {
        var vectors = records.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        if (records.Count == 0) return [];

        var rows = records.Select(r => new Row
        {
            Title = r.Title ?? "",
            Description = r.Description ?? "",
            Attributes = [.. AttributesOf(r)],
        }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);

        // A column no record of the batch fills would fit an empty vocabulary, which ML.NET refuses.
        var columns = new List<(string Column, double Weight)>();
        IEstimator<ITransformer>? pipeline = null;
        void Add(IEstimator<ITransformer> step, string column, double weight)
        {
            pipeline = pipeline is null ? step : pipeline.Append(step);
            columns.Add((column, weight));
        }

        if (rows.Any(r => !string.IsNullOrWhiteSpace(r.Title)))
            Add(_ml.Transforms.Text.FeaturizeText("TitleTerms", WordOptions(), nameof(Row.Title)), "TitleTerms", TitleWeight);
        if (rows.Any(r => !string.IsNullOrWhiteSpace(r.Description)))
            Add(_ml.Transforms.Text.FeaturizeText("DescriptionTerms", WordOptions(), nameof(Row.Description)), "DescriptionTerms", DescriptionWeight);
        if (rows.Any(r => r.Attributes.Length > 0))
        {
            Add(_ml.Transforms.Conversion.MapValueToKey("AttributeKeys", nameof(Row.Attributes))
                .Append(_ml.Transforms.Categorical.OneHotEncoding("AttributeTerms", "AttributeKeys", OneHotEncodingEstimator.OutputKind.Bag)), "AttributeTerms", AttributeWeight);
        }

        if (pipeline is null) return vectors.Select(Normalize).ToList();
        var featurized = pipeline.Fit(data).Transform(data);
        foreach (var (column, weight) in columns) AddColumn(featurized, column, weight, vectors);
        return vectors.Select(Normalize).ToList();
    }

    public Dictionary<string, float> Featurize(ProductRecord record) => Featurize([record])[0];

    private static IEnumerable<string> AttributesOf(ProductRecord record)
    {
        foreach (var level in record.CategoryPath)
        {
            if (!string.IsNullOrWhiteSpace(level)) yield return "category:" + level.Trim().ToLowerInvariant();
        }

        if (!string.IsNullOrWhiteSpace(record.Brand)) yield return "brand:" + record.Brand.Trim().ToLowerInvariant();
    }

    private static TextFeaturizingEstimator.Options WordOptions() => new()
    {
        WordFeatureExtractor = new WordBagEstimator.Options
        {
            NgramLength = 2,
            UseAllLengths = true,
            Weighting = NgramExtractingEstimator.WeightingCriteria.Tf,
        },
        CharFeatureExtractor = null,
        StopWordsRemoverOptions = new StopWordsRemovingEstimator.Options(),
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = true,
        Norm = TextFeaturizingEstimator.NormFunction.None,
    };

    private static void AddColumn(IDataView featurized, string column, double weight, List<Dictionary<string, double>> vectors)
    {
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        featurized.Schema[column].GetSlotNames(ref slotNames);
        var names = slotNames.DenseValues().Select(n => n.ToString()).ToArray();

        var row = 0;
        foreach (var values in featurized.GetColumn<VBuffer<float>>(column))
        {
            var target = vectors[row++];
            var indices = values.GetIndices();
            var counts = values.GetValues();
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] <= 0) continue;
                var slot = values.IsDense ? i : indices[i];
                var term = names[slot];
                target[term] = target.GetValueOrDefault(term) + weight * Damp(counts[i]);
            }
        }
    }

    private static double Damp(double count) => count <= 1 ? count : 1 + Math.Log(count);

    private static Dictionary<string, float> Normalize(Dictionary<string, double> raw)
    {
        var norm = Math.Sqrt(raw.Values.Sum(v => v * v));
        return norm <= 0
            ? new Dictionary<string, float>(StringComparer.Ordinal)
            : raw.ToDictionary(kv => kv.Key, kv => (float)(kv.Value / norm), StringComparer.Ordinal);
    }
}
