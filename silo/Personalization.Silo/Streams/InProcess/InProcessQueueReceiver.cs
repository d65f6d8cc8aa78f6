using System.Threading.Channels;
using Orleans.Streams;

namespace Personalization.Silo.Streams.InProcess;

/// <summary>Hands the pulling agent what waits in one in-process queue; nothing to acknowledge.</summary>
public sealed class InProcessQueueReceiver(ChannelReader<InProcessBatchContainer> queue) : IQueueAdapterReceiver
{
    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        var batch = new List<IBatchContainer>(Math.Min(maxCount, queue.CanCount ? queue.Count : maxCount));
        while (batch.Count < maxCount && queue.TryRead(out var container)) batch.Add(container);
        return Task.FromResult<IList<IBatchContainer>>(batch);
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    /// <summary>What is still queued stays for the silo that takes the queue over.</summary>
    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
}
