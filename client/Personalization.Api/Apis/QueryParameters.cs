using System.Globalization;
using Personalization.Api.Problems;
using Personalization.Queries;
using Microsoft.AspNetCore.Http;

namespace Personalization.Api.Apis;

/// <summary>Parses query-string parameters with precise errors instead of the framework's generic 400.</summary>
public static class QueryParameters
{
    public const int MaxTextLength = 128;

    public static bool TryLimit(string? text, int max, out int limit, out IResult? problem)
    {
        limit = 10;
        problem = null;
        if (text is null) return true;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max) return true;
        problem = Problem.InvalidParameter("limit", $"'limit' must be an integer from 1 to {max}; got '{text}'.");
        return false;
    }

    public static bool TryPrice(string? text, out decimal? price, out IResult? problem)
    {
        price = null;
        problem = null;
        if (text is null) return true;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            price = value;
            return true;
        }

        problem = Problem.InvalidParameter("maxPrice", $"'maxPrice' must be a non-negative number; got '{text}'.");
        return false;
    }

    public static bool TryText(string name, string? text, out IResult? problem)
    {
        problem = null;
        if (text is null || text.Length is > 0 and <= MaxTextLength && !text.Any(char.IsControl)) return true;
        problem = Problem.InvalidParameter(name, $"'{name}' must have 1 to {MaxTextLength} printable characters.");
        return false;
    }

    public static bool TrySimilarityKind(string? text, out SimilarityKind kind, out IResult? problem)
    {
        kind = SimilarityKind.Blend;
        problem = null;
        if (text is null) return true;
        if (Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind)) return true;
        problem = Problem.InvalidParameter("kind", $"'kind' must be behavior, content or blend; got '{text}'.");
        return false;
    }

    public static bool TryExclude(string? text, out bool excludeSeen, out IResult? problem)
    {
        excludeSeen = false;
        problem = null;
        if (text is null || text.Equals("purchased", StringComparison.OrdinalIgnoreCase)) return true;
        if (text.Equals("seen", StringComparison.OrdinalIgnoreCase))
        {
            excludeSeen = true;
            return true;
        }

        problem = Problem.InvalidParameter("exclude", $"'exclude' must be purchased (the default) or seen; got '{text}'.");
        return false;
    }
}
