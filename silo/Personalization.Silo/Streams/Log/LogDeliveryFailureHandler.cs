using Orleans.Runtime;
using Orleans.Streams;

namespace Personalization.Silo.Streams.Log;

/// <summary>
/// Orleans' queue cache drops a batch whose delivery failed without reporting it as delivered. Were it
/// simply skipped, the next commit would acknowledge it silently; were it ignored, the partition would
/// never commit again. So the failure is dead-lettered with its reason and then counts as resolved.
/// </summary>
public sealed class LogDeliveryFailureHandler(int partition, PartitionRegistry registry) : IStreamFailureHandler
{
    /// <summary>Implicit subscriptions are never faulted anyway; the event is dead-lettered instead.</summary>
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken) =>
        sequenceToken is null ? Task.CompletedTask : registry.Find(partition)?.DeliveryFailedAsync(streamId, sequenceToken, CancellationToken.None) ?? Task.CompletedTask;

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken) =>
        Task.CompletedTask;
}
