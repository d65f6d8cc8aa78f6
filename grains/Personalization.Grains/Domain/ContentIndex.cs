using Personalization.Grains;

namespace Personalization.Domain;

/// <summary>
/// Content similarity over catalogue text and attributes. Each product is a vector of weighted terms
/// from <see cref="ContentFeaturizer"/> (ML.NET: title and description word n-grams, category levels
/// and brand as whole terms). Similarity is Σ aₜ·bₜ·idf(t)² with idf(t) = ln((1+N)/(1+df)) from the current
/// catalogue (zero for a term every product has),
/// divided by the product's similarity to itself, so the best possible neighbour scores 1.
/// An inverted index keeps the cost of one product's neighbours proportional to the postings of its
/// terms; terms in more than <see cref="CommonTermShare"/> of the catalogue say little and are skipped,
/// and terms in more than <see cref="MaxPostingsScanned"/> products are not scanned for candidates (a
/// product sharing only such broad terms is no content neighbour), which keeps a full pass over a
/// catalogue of 100,000 products from growing quadratically.
/// </summary>
public sealed class ContentIndex
{
    public const double CommonTermShare = 0.2;

    /// <summary>Terms in more products than this find no candidates themselves; they only add to the scores of candidates found otherwise.</summary>
    public const int MaxPostingsScanned = 1000;

    private readonly Dictionary<string, Dictionary<string, float>> _vectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, float>> _postings = new(StringComparer.Ordinal);

    public int Count => _vectors.Count;

    public IReadOnlyDictionary<string, Dictionary<string, float>> Vectors => _vectors;

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
        var broad = new List<(string Term, double Weight)>();
        var self = 0.0;
        foreach (var (term, weight) in vector)
        {
            var docs = _postings[term];
            var idf = Math.Log((1.0 + _vectors.Count) / (1.0 + docs.Count));
            var w = weight * idf * idf;
            self += weight * w;
            if (docs.Count > maxPostings || idf <= 0) continue;
            if (docs.Count > MaxPostingsScanned)
            {
                broad.Add((term, w));
                continue;
            }

            foreach (var (other, otherWeight) in docs)
            {
                if (other == productId) continue;
                scores[other] = scores.GetValueOrDefault(other) + w * otherWeight;
            }
        }

        // Broad terms are not scanned (their postings would make every product a candidate of every
        // other), but they still count, exactly, for the candidates the narrower terms found.
        if (broad.Count > 0)
        {
            foreach (var other in scores.Keys.ToList())
            {
                var otherVector = _vectors[other];
                var extra = 0.0;
                foreach (var (term, w) in broad) extra += otherVector.TryGetValue(term, out var otherWeight) ? w * otherWeight : 0;
                scores[other] += extra;
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
}
