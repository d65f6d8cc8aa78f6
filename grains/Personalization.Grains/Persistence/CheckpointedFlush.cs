namespace Personalization.Persistence;

/// <summary>The grain side of the checkpoint protocol (docs/durability.md), shared by the grains that apply log events.</summary>
public static class CheckpointedFlush
{
    /// <summary>
    /// Answers a checkpoint check: <see cref="FlushOutcome.Missing"/> when an event the check lists was never
    /// applied here (this activation came back from an older snapshot), otherwise flushes and says whether
    /// the snapshot now holds everything. Runs as a grain call, so no event is applied meanwhile.
    /// </summary>
    public static async Task<FlushOutcome> FlushThroughAsync<T>(this WriteBehindState<T> state, AppliedCheck check)
        where T : IRecordsPositions
    {
        var positions = state.State.Positions;
        positions.Prune(check.Partition, check.Committed);
        if (positions.CountApplied(check.Partition, check.From, check.Through) < check.Count) return FlushOutcome.Missing;
        await state.FlushAsync();
        return state.IsDirty ? FlushOutcome.NotPersisted : FlushOutcome.Persisted;
    }
}
