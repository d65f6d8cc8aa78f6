using Orleans.Streams;

namespace Personalization.Silo.Streams.InProcess;

/// <summary>Hands the pulling agent what waits in one in-process queue; nothing to acknowledge.</summary>
public sealed class InProcessQueueReceiver(InProcessQueues queues, QueueId queue) : IQueueAdapterReceiver
{
    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => Task.FromResult<IList<IBatchContainer>>(queues.Read(queue, maxCount));

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    /// <summary>What is still queued stays for the silo that takes the queue over.</summary>
    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
}
