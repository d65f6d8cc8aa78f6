using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Personalization.Api.Problems;

/// <summary>Builds problem-details results with a stable type, so clients can switch on <c>type</c>.</summary>
public static class Problem
{
    public static IResult Of(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Type = ProblemTypes.Uri(code),
            Title = title,
            Detail = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return TypedResults.Problem(problem);
    }

    public static IResult InvalidParameter(string name, string detail) =>
        Of(StatusCodes.Status400BadRequest, ProblemTypes.InvalidParameter, "A query parameter is invalid.", detail,
            new Dictionary<string, object?> { ["field"] = name });
}
