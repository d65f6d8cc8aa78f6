using System.Text.Json;
using Personalization.Api.Ingest;
using Personalization.Events;
using Personalization.Persistence;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// Turns one log record into the stream batches of the grains it concerns, with the same validation as
/// <c>POST /v1/events</c> and the same routing as <see cref="StreamEventPublisher.Route"/>; or into the
/// reason it cannot be applied.
/// </summary>
public sealed class LogRecordDecoder(EventValidator validator)
{
    public readonly record struct Decoded(IReadOnlyList<LogBatchContainer> Containers, ShopperEvent? Event, string? Reason, string? Detail);

    public Decoded Decode(LogRecord record)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(record.Payload);
        }
        catch (JsonException exception)
        {
            return new Decoded([], null, DeadLetterReasons.NotJson, $"The record is not JSON: {exception.Message}");
        }

        using (document)
        {
            var validation = validator.Validate(document.RootElement);
            if (validation.Event is not { } evt)
            {
                var rejection = validation.Rejection!;
                return new Decoded([], null, rejection.Code, rejection.Field is null ? rejection.Detail : $"{rejection.Field}: {rejection.Detail}");
            }

            var containers = new List<LogBatchContainer>(3);
            var index = 0;
            foreach (var streamId in StreamEventPublisher.Route([evt]).Keys)
            {
                containers.Add(new LogBatchContainer(streamId, evt, new LogPositionToken(record.Partition, record.Offset, index++)));
            }

            return new Decoded(containers, evt, null, null);
        }
    }
}
