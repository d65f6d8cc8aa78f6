namespace Personalization.Events;

/// <summary>Stable error codes for rejected events; documented in docs/events.md.</summary>
public static class EventErrors
{
    public const string NotAnObject = "not-an-object";
    public const string MissingField = "missing-field";
    public const string WrongType = "wrong-type";
    public const string TooLong = "too-long";
    public const string OutOfRange = "out-of-range";
    public const string UnknownEvent = "unknown-event";
    public const string UnsupportedType = "unsupported-type";
    public const string InvalidTimestamp = "invalid-timestamp";
    public const string TimestampInFuture = "timestamp-in-future";
}
