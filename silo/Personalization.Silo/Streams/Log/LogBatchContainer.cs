using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using Personalization.Events;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// One event on its way to one grain stream. A log record becomes one container per destination stream
/// (customer, session, products), all carrying the record's offset, so delivery can be tracked per record.
/// Serializable because the pulling agent hands it to grains on other silos.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LogBatchContainer(StreamId streamId, ShopperEvent evt, EventSequenceTokenV2 token) : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;

    [Id(1)] public ShopperEvent Event { get; } = evt;

    [Id(2)] public EventSequenceTokenV2 Token { get; } = token;

    /// <summary>The offset of the log record this event came from.</summary>
    public long Offset => Token.SequenceNumber;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        if (Event is T typed) yield return Tuple.Create(typed, (StreamSequenceToken)Token);
    }

    public bool ImportRequestContext() => false;
}
