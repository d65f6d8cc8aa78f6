namespace Personalization.Events;

/// <summary>Bounds that every event must respect; configuration section <c>Events</c>.</summary>
public sealed class EventLimits
{
    public const string SectionName = "Events";

    /// <summary>How far an event's timestamp may lie ahead of the receiving clock (clock skew).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Events older than this are refused as absurd (history replays go back years, not decades).</summary>
    public DateTimeOffset OldestTimestamp { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public int MaxIdLength { get; set; } = 128;
    public int MaxTextLength { get; set; } = 512;
    public decimal MaxPrice { get; set; } = 1_000_000m;
    public int MaxQuantity { get; set; } = 10_000;
    public int MaxProductsPerEvent { get; set; } = 500;
}
