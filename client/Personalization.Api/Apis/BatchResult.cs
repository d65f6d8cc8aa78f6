namespace Personalization.Api.Apis;

/// <summary>The per-item outcome of a batch request (events, products or customers).</summary>
public sealed record BatchResult(int Accepted, int Rejected, IReadOnlyList<ItemResult> Results);

public sealed record ItemResult(int Index, string? Id, string Status, ItemError? Error = null)
{
    public const string AcceptedStatus = "accepted";
    public const string RejectedStatus = "rejected";
}

/// <summary>Why an item was rejected: a problem type URI, the field at fault, and a sentence.</summary>
public sealed record ItemError(string Type, string? Field, string Detail);
