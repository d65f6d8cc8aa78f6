using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Durability;

/// <summary>The message_id column of lake event files, read with the independent <see cref="ParquetColumns"/> reader.</summary>
public static class LakeMessageIds
{
    public static async Task<List<string>> ReadAsync(byte[] file)
    {
        var columns = new ParquetColumns(file);
        var leaves = await columns.LeavesAsync();
        Assert.Contains(leaves, l => l.Column == "event_time");
        Assert.Single(leaves, l => l.Column == "message_id");
        return [.. (await columns.StringsAsync("message_id")).Select(id => id ?? throw new InvalidDataException("message_id is required but a row has none."))];
    }

    /// <summary>Every message id in the event files of a local lake directory (<c>{root}/events/...</c>), repeats included.</summary>
    public static async Task<List<string>> ReadDirectoryAsync(string root)
    {
        var ids = new List<string>();
        var events = Path.Combine(root, "events");
        if (!Directory.Exists(events)) return ids;
        foreach (var file in Directory.EnumerateFiles(events, "*.parquet", SearchOption.AllDirectories))
            ids.AddRange(await ReadAsync(await File.ReadAllBytesAsync(file)));
        return ids;
    }
}
