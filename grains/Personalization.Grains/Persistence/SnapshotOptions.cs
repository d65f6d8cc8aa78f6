namespace Personalization.Persistence;

/// <summary>Write-behind of hot state; configuration section <c>Snapshots</c>.</summary>
public sealed class SnapshotOptions
{
    public const string SectionName = "Snapshots";

    /// <summary>How often a grain with unsaved changes writes its snapshot.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(30);
}
