namespace Personalization.Bench.Measure;

/// <summary>Managed heap (after a full, compacting collection) and resident set size of a process.</summary>
public static class MemoryProbe
{
    public static long ManagedBytes()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>VmRSS of a process from /proc, in bytes; 0 where /proc is not available.</summary>
    public static long ResidentBytes(int? processId = null)
    {
        var path = $"/proc/{(processId is { } id ? id.ToString() : "self")}/status";
        if (!File.Exists(path)) return 0;
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb) * 1024;
        }

        return 0;
    }
}

/// <summary>A memory reading: managed heap and RSS of the system's process(es), in bytes.</summary>
public readonly record struct MemoryReading(long Managed, long Resident)
{
    public static MemoryReading operator -(MemoryReading a, MemoryReading b) => new(a.Managed - b.Managed, a.Resident - b.Resident);
}
