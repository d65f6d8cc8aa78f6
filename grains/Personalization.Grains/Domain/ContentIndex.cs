using Personalization.Catalog;
using Personalization.Grains;

namespace Personalization.Domain;

/// <summary>
/// Content similarity over catalogue text and attributes. Each product is a vector of weighted terms
/// (title words, description words at half weight, category levels and brand as whole terms, which
/// say more than a word). Similarity is Σ aₜ·bₜ·idf(t)² with idf(t) = ln((1+N)/(1+df)) from the current
/// catalogue (zero for a term every product has),
/// divided by the product's similarity to itself, so the best possible neighbour scores 1.
/// An inverted index keeps the cost of one product's neighbours proportional to the postings of its
/// terms; terms in more than <see cref="CommonTermShare"/> of the catalogue say little and are skipped.
/// </summary>
public sealed class ContentIndex
{
    public const double CommonTermShare = 0.2;

    private readonly Dictionary<string, Dictionary<string, float>> _vectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, float>> _postings = new(StringComparer.Ordinal);

    public int Count => _vectors.Count;

    public IReadOnlyDictionary<string, Dictionary<string, float>> Vectors => _vectors;

    public void Upsert(ProductRecord record) => Upsert(record.Id, Featurize(record));

    public void Upsert(string productId, Dictionary<string, float> vector)
    {
        Remove(productId);
        if (vector.Count == 0) return;
        _vectors[productId] = vector;
        foreach (var (term, weight) in vector)
        {
            if (!_postings.TryGetValue(term, out var docs)) _postings[term] = docs = new(StringComparer.Ordinal);
            docs[productId] = weight;
        }
    }

    public void Remove(string productId)
    {
        if (!_vectors.Remove(productId, out var old)) return;
        foreach (var term in old.Keys)
        {
            var docs = _postings[term];
            docs.Remove(productId);
            if (docs.Count == 0) _postings.Remove(term);
        }
    }

    public List<Neighbour> Neighbours(string productId, int limit)
    {
        if (!_vectors.TryGetValue(productId, out var vector)) return [];
        var maxPostings = Math.Max(50, (int)(_vectors.Count * CommonTermShare));
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var self = 0.0;
        foreach (var (term, weight) in vector)
        {
            var docs = _postings[term];
            var idf = Math.Log((1.0 + _vectors.Count) / (1.0 + docs.Count));
            var w = weight * idf * idf;
            self += weight * w;
            if (docs.Count > maxPostings || idf <= 0) continue;
            foreach (var (other, otherWeight) in docs)
            {
                if (other == productId) continue;
                scores[other] = scores.GetValueOrDefault(other) + w * otherWeight;
            }
        }

        if (self <= 0) return [];
        return scores
            .Select(kv => new Neighbour(kv.Key, Math.Min(1, kv.Value / self), Relation.SimilarContent))
            .OrderByDescending(n => n.Score)
            .ThenBy(n => n.ProductId, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>The weighted terms of a record, L2-normalised.</summary>
    public static Dictionary<string, float> Featurize(ProductRecord record)
    {
        var raw = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string term, double weight) => raw[term] = raw.GetValueOrDefault(term) + weight;

        foreach (var word in TextTokenizer.Words(record.Title)) Add(word, 1.0);
        foreach (var word in TextTokenizer.Words(record.Description)) Add(word, 0.5);
        foreach (var level in record.CategoryPath) Add("category:" + level.Trim().ToLowerInvariant(), 2.0);
        if (!string.IsNullOrWhiteSpace(record.Brand)) Add("brand:" + record.Brand.Trim().ToLowerInvariant(), 2.0);

        // Sub-linear term frequency, so a word repeated in a description does not dominate.
        static double Damp(double v) => v <= 1 ? v : 1 + Math.Log(v);
        var norm = Math.Sqrt(raw.Values.Sum(v => Damp(v) * Damp(v)));
        return raw.ToDictionary(kv => kv.Key, kv => (float)(Damp(kv.Value) / norm), StringComparer.Ordinal);
    }
}
