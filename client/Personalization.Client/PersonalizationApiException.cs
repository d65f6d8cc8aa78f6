using System.Net;

namespace Personalization.Client;

/// <summary>
/// The API refused or failed a request. <see cref="Problem"/> carries its RFC 9457 problem details when the
/// response had them; the message names the request, the status and the API's own explanation.
/// </summary>
public sealed class PersonalizationApiException : Exception
{
    public PersonalizationApiException(string request, HttpStatusCode statusCode, ProblemDetails? problem, int attempts, Exception? inner = null)
        : base(Describe(request, statusCode, problem, attempts), inner)
    {
        Request = request;
        StatusCode = statusCode;
        Problem = problem;
        Attempts = attempts;
    }

    /// <summary>Method and path, e.g. <c>GET /v1/customers/c-1/offers</c>.</summary>
    public string Request { get; }

    public HttpStatusCode StatusCode { get; }

    public ProblemDetails? Problem { get; }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; }

    /// <summary>True for failures a later retry may fix (the cluster was unavailable or too slow).</summary>
    public bool IsTransient => PersonalizationClient.IsTransient(StatusCode);

    private static string Describe(string request, HttpStatusCode statusCode, ProblemDetails? problem, int attempts)
    {
        var what = problem is null
            ? $"{request} failed with {(int)statusCode} {statusCode}"
            : $"{request} failed with {(int)statusCode} ({problem.Code}): {problem.Title} {problem.Detail}".TrimEnd();
        return attempts > 1 ? $"{what} (after {attempts} attempts)" : what;
    }
}
