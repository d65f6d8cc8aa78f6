namespace Personalization.Api.Problems;

/// <summary>
/// Stable RFC 9457 problem types. The <c>type</c> URI is <c>urn:personalization:problem:{code}</c>;
/// docs/api.md lists every code.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:personalization:problem:";

    public const string BodyTooLarge = "body-too-large";
    public const string NotJson = "not-json";
    public const string EmptyBatch = "empty-batch";
    public const string BatchTooLarge = "batch-too-large";
    public const string AllRejected = "all-rejected";
    public const string InvalidParameter = "invalid-parameter";
    public const string Unavailable = "unavailable";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string Internal = "internal";

    public static string Uri(string code) => Prefix + code;
}
