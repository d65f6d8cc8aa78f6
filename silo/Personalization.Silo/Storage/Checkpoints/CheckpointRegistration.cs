using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Storage.Checkpoints;

public static class CheckpointRegistration
{
    /// <summary>Log partitions commit only what grains flushed (used when the streams are on a durable log).</summary>
    public static IServiceCollection AddFlushedCheckpoints(this IServiceCollection services)
    {
        services.AddSingleton<PullingAgentRestart>();
        services.AddSingleton<ICheckpointGate, FlushedCheckpointGate>();
        return services;
    }
}
