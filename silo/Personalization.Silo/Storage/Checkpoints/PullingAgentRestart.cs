using Orleans.Providers;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Personalization.Streams;

namespace Personalization.Silo.Storage.Checkpoints;

/// <summary>
/// Restarts this silo's pulling agents of the event streams: their receivers shut down (committing what is
/// verified) and start again from the committed offsets, so everything after them is delivered again.
/// This is how a partition replays events that a dead silo's grains had applied but not flushed.
/// One restart at a time; requests during a restart are folded into it.
/// </summary>
public sealed partial class PullingAgentRestart(IServiceProvider services, ILogger<PullingAgentRestart> logger)
{
    private int _running;

    public long Restarts { get; private set; }

    public void Request()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) return;

        // Never awaited by the caller: stopping the agents waits for their receivers, which may be the caller.
        _ = Task.Run(async () =>
        {
            try
            {
                var provider = (IControllable)services.GetRequiredKeyedService<IStreamProvider>(EventStreams.ProviderName);
                await provider.ExecuteCommand((int)PersistentStreamProviderCommand.StopAgents, null!);
                await provider.ExecuteCommand((int)PersistentStreamProviderCommand.StartAgents, null!);
                Restarts++;
                LogRestarted();
            }
            catch (Exception exception)
            {
                LogRestartFailed(exception);
            }
            finally
            {
                Interlocked.Exchange(ref _running, 0);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restarted the event stream pulling agents: partitions replay from their committed offsets.")]
    private partial void LogRestarted();

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting the event stream pulling agents failed.")]
    private partial void LogRestartFailed(Exception exception);
}
