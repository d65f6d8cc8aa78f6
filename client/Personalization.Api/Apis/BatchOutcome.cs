using Microsoft.AspNetCore.Http;
using Personalization.Api.Problems;
using Personalization.Events;

namespace Personalization.Api.Apis;

/// <summary>
/// Collects per-item outcomes of a batch and turns them into the response: 202 with every item's
/// outcome when at least one was accepted, 422 problem details (with the same outcomes) when none was.
/// </summary>
public sealed class BatchOutcome
{
    private readonly List<ItemResult> _results = [];

    public int Accepted { get; private set; }

    public void Accept(int index, string id)
    {
        _results.Add(new ItemResult(index, id, ItemResult.AcceptedStatus));
        Accepted++;
    }

    public void Reject(int index, string? id, EventRejection rejection) =>
        _results.Add(new ItemResult(index, id, ItemResult.RejectedStatus, new ItemError(ProblemTypes.Uri(rejection.Code), rejection.Field, rejection.Detail)));

    public IResult ToResult(string itemName)
    {
        var ordered = _results.OrderBy(r => r.Index).ToList();
        var result = new BatchResult(Accepted, ordered.Count - Accepted, ordered);
        if (Accepted > 0) return TypedResults.Accepted((string?)null, result);

        var first = ordered.First(r => r.Error is not null).Error!;
        return Problem.Of(StatusCodes.Status422UnprocessableEntity, ProblemTypes.AllRejected, $"Every {itemName} in the batch was rejected.",
            $"No {itemName} was accepted; the first reason: {first.Detail}",
            new Dictionary<string, object?> { ["accepted"] = 0, ["rejected"] = result.Rejected, ["results"] = ordered });
    }
}
