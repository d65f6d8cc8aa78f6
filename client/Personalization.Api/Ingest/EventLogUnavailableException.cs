namespace Personalization.Api.Ingest;

/// <summary>
/// Thrown by an <see cref="IEventPublisher"/> when the event log did not acknowledge a write in time.
/// None of the batch is reported accepted: the API answers 503 and the producer retries, which is safe
/// because events are deduplicated by messageId.
/// </summary>
public sealed class EventLogUnavailableException(string message, Exception? innerException) : Exception(message, innerException);
