namespace Personalization.Streams;

/// <summary>
/// Stream names. Every accepted event is delivered to the streams of the grains it concerns: its
/// customer, its session, and each of its products. The stream key is the grain key.
/// </summary>
public static class EventStreams
{
    /// <summary>The stream provider every ingestion path writes to.</summary>
    public const string ProviderName = "events";

    public const string Customers = "customer";
    public const string Sessions = "session";
    public const string Products = "product";
}
