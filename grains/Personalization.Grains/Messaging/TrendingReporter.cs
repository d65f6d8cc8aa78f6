using Microsoft.Extensions.Logging;
using Personalization.Grains;

namespace Personalization.Messaging;

/// <summary>
/// Carries products' popularity reports to the trending boards, grouped per board across the products
/// of this silo: a board gets one call per round whatever the event rate. Products do not wait for it;
/// a report that fails is logged and superseded by the product's next one (boards keep the latest score).
/// </summary>
public sealed partial class TrendingReporter
{
    private readonly GroupedCalls<string, TrendingEntry> _calls;
    private readonly ILogger<TrendingReporter> _logger;

    public TrendingReporter(IGrainFactory grains, ILogger<TrendingReporter> logger)
    {
        _logger = logger;
        _calls = new GroupedCalls<string, TrendingEntry>((scope, entries) => grains.GetGrain<ITrendingGrain>(scope).Report([.. entries]));
    }

    public void Report(IReadOnlyList<(string Scope, TrendingEntry Entry)> reports)
    {
        if (reports.Count == 0) return;
        _calls.SendAsync(reports).ContinueWith(t => LogReportFailed(t.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trending reports could not be delivered; the next reports supersede them.")]
    private partial void LogReportFailed(Exception exception);
}
