namespace Personalization.Client.Models;

/// <summary>The outcome of a batch of events or records: every item accepted or rejected with its reason.</summary>
public sealed record BatchResult(int Accepted, int Rejected, IReadOnlyList<ItemResult> Results)
{
    public static BatchResult Combine(IEnumerable<BatchResult> parts, IReadOnlyList<int> offsets)
    {
        var list = parts.ToList();
        var results = list.SelectMany((part, i) => part.Results.Select(r => r with { Index = r.Index + offsets[i] })).ToList();
        return new BatchResult(list.Sum(p => p.Accepted), list.Sum(p => p.Rejected), results);
    }
}

/// <summary>One item of a batch; <see cref="Index"/> is its position in what was sent.</summary>
public sealed record ItemResult(int Index, string? Id, string Status, ItemError? Error = null)
{
    public bool IsAccepted => Status == "accepted";
}

/// <summary>Why an item was rejected: a problem type, the field at fault and a sentence.</summary>
public sealed record ItemError(string Type, string? Field, string Detail);
