namespace Personalization.Persistence;

/// <summary>Hot state that records the log positions it applied (<see cref="AppliedPositions"/>).</summary>
public interface IRecordsPositions
{
    AppliedPositions Positions { get; }
}
