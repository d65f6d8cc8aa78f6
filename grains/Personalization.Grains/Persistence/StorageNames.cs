namespace Personalization.Persistence;

/// <summary>The grain storage providers the grains ask for by name.</summary>
public static class StorageNames
{
    /// <summary>Hot behavioural state, written behind on a timer and on deactivation.</summary>
    public const string Snapshots = "snapshots";

    /// <summary>CRM profiles and ERP records, written through on every change: they must never be lost.</summary>
    public const string Records = "records";
}
