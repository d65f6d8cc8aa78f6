using System.Diagnostics;
using HdrHistogram;

namespace Personalization.Bench.Measure;

/// <summary>
/// Runs an operation at a fixed rate in an open loop: request i is due at start + i/rate whatever
/// happened to the earlier ones, and its latency is measured from that intended start. A system that
/// stalls therefore shows the queueing its callers would see, instead of silently slowing the load
/// (coordinated omission).
/// </summary>
public static class OpenLoop
{
    /// <summary>The intended start of request <paramref name="index"/>, in Stopwatch ticks after the run's start.</summary>
    public static long IntendedOffset(long index, double ratePerSecond) =>
        (long)Math.Round(index * Stopwatch.Frequency / ratePerSecond);

    /// <summary>How many requests a run of <paramref name="duration"/> at <paramref name="ratePerSecond"/> issues.</summary>
    public static int RequestCount(double ratePerSecond, TimeSpan duration) =>
        Math.Max(1, (int)Math.Round(ratePerSecond * duration.TotalSeconds));

    /// <summary>
    /// Requests outstanding at once beyond which the system is declared saturated at this rate and the
    /// run stops issuing: the queue would only grow, and draining it would take longer than the run.
    /// </summary>
    public const int SaturationLimit = 2000;

    public static async Task<LatencySummary> RunAsync(double ratePerSecond, TimeSpan duration, Func<int, ValueTask> operation)
    {
        var count = RequestCount(ratePerSecond, duration);
        var histogram = new LongHistogram(TimeStamp.Seconds(60), 3);
        var inFlight = new Task[count];
        long lagTicks = 0;
        var errors = 0;
        var outstanding = 0;
        var issued = 0;

        // The dispatcher runs on its own thread: timer-based waits are ~1 ms coarse, which would bunch requests.
        var start = 0L;
        var dispatcher = new Thread(() =>
        {
            start = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var due = start + IntendedOffset(i, ratePerSecond);
                WaitUntil(due);
                if (Volatile.Read(ref outstanding) >= SaturationLimit) break;
                lagTicks += Stopwatch.GetTimestamp() - due;
                Interlocked.Increment(ref outstanding);
                inFlight[i] = Issue(i, due);
                issued++;
            }
        }) { IsBackground = true, Name = "open-loop", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        dispatcher.Join();
        await Task.WhenAll(inFlight.Take(issued));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var lag = TimeSpan.FromTicks((long)(lagTicks / (double)Math.Max(1, issued) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        return LatencySummary.From(histogram, issued, elapsed, errors, lag, ratePerSecond, saturated: issued < count);

        async Task Issue(int index, long due)
        {
            try
            {
                await operation(index);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref errors);
            }

            var latency = Stopwatch.GetTimestamp() - due;
            lock (histogram) histogram.RecordValue(latency);
            Interlocked.Decrement(ref outstanding);
        }
    }

    /// <summary>Sleeps while the deadline is far, then yields: no 1 ms bunching, and the CPU goes to the system under test when it needs it.</summary>
    private static void WaitUntil(long due)
    {
        while (true)
        {
            var remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= 0) return;
            if (remaining > Stopwatch.Frequency / 500) Thread.Sleep(1);
            else Thread.Yield();
        }
    }
}
