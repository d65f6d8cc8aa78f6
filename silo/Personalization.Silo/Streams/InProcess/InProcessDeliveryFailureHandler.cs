using Orleans.Runtime;
using Orleans.Streams;

namespace Personalization.Silo.Streams.InProcess;

/// <summary>
/// After a grain kept failing on a batch for the pulling agent's MaxEventDeliveryTime, the batch is skipped
/// for that grain; the embedded mode has no dead-letter destination, so the loss is logged as an error.
/// </summary>
public sealed partial class InProcessDeliveryFailureHandler(ILogger<InProcessDeliveryFailureHandler> logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        LogSkipped(streamId, sequenceToken);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken) =>
        Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream} kept failing on the batch at {Token}; it was skipped for that grain.")]
    private partial void LogSkipped(StreamId stream, StreamSequenceToken? token);
}
