using System.Diagnostics;

namespace Personalization.Bench.Measure;

/// <summary>Maximum throughput: a fixed number of callers, each issuing its next request as soon as the last returns.</summary>
public static class ClosedLoop
{
    public static async Task<double> MaxThroughputAsync(int callers, TimeSpan duration, Func<int, ValueTask> operation)
    {
        long completed = 0;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var i = caller;
            while (Stopwatch.GetTimestamp() < stop)
            {
                await operation(i);
                i += callers;
                Interlocked.Increment(ref completed);
            }
        }));
        await Task.WhenAll(workers);
        return completed / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
