using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;
using Personalization.Events;

namespace Personalization.Silo.Streams.InProcess;

/// <summary>
/// The events of one publish for one grain stream, in order. Immutable, so a delivery to a grain on the
/// same silo passes it by reference instead of copying it; serializable for a grain on another silo of
/// an in-process test cluster.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class InProcessBatchContainer(StreamId streamId, ShopperEvent[] events, EventSequenceTokenV2 token) : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;

    [Id(1)] public ShopperEvent[] Events { get; } = events;

    [Id(2)] public EventSequenceTokenV2 Token { get; } = token;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        for (var i = 0; i < Events.Length; i++)
        {
            if (Events[i] is T typed) yield return Tuple.Create(typed, (StreamSequenceToken)Token.CreateSequenceTokenForEvent(i));
        }
    }

    public bool ImportRequestContext() => false;
}
