using System.Diagnostics;
using HdrHistogram;

namespace Personalization.Bench.Measure;

/// <summary>Latency percentiles of one open-loop run, in milliseconds, measured from intended start.</summary>
public sealed record LatencySummary(
    double TargetRate,
    double AchievedRate,
    int Requests,
    int Errors,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double MeanDispatchLagMs,
    bool Saturated)
{
    /// <param name="saturated">
    /// True when the run stopped early because <see cref="OpenLoop.SaturationLimit"/> requests were outstanding:
    /// the system cannot sustain the rate, and the percentiles are a lower bound.
    /// </param>
    public static LatencySummary From(HistogramBase histogram, int requests, TimeSpan elapsed, int errors, TimeSpan lag, double rate, bool saturated)
    {
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return new LatencySummary(
            rate,
            Math.Round(requests / elapsed.TotalSeconds, 1),
            requests,
            errors,
            Math.Round(Ms(histogram.GetValueAtPercentile(50)), 3),
            Math.Round(Ms(histogram.GetValueAtPercentile(99)), 3),
            Math.Round(Ms(histogram.GetValueAtPercentile(99.9)), 3),
            Math.Round(Ms(histogram.GetMaxValue()), 3),
            Math.Round(lag.TotalMilliseconds, 4),
            saturated);
    }
}
