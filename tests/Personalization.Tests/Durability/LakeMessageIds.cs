using Parquet;

namespace Personalization.Tests.Durability;

/// <summary>Reads the message_id column of lake files with Parquet.Net's low-level column reader, not the serializer that wrote them.</summary>
public static class LakeMessageIds
{
    public static async Task<List<string>> ReadAsync(byte[] file)
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        Assert.Contains(fields, f => f.Name == "event_time");
        var messageId = Assert.Single(fields, f => f.Name == "message_id");
        var ids = new List<string>();
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rowGroup = reader.OpenRowGroupReader(group);
            var values = new string?[rowGroup.RowCount];
            await rowGroup.ReadAsync(messageId, values.AsMemory());
            ids.AddRange(values.Select(v => v ?? throw new InvalidDataException("message_id is required but a row has none.")));
        }

        return ids;
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
