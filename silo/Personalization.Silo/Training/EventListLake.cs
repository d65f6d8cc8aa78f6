using Parquet.Serialization;
using Personalization.Events;
using Personalization.Silo.Lake;

namespace Personalization.Silo.Training;

/// <summary>
/// A lake of one Parquet file holding given events, written with the lake's own row format: the
/// evaluation's in-process tuning loop trains through exactly the reading code <c>train</c> uses.
/// </summary>
public sealed class EventListLake(IReadOnlyList<ShopperEvent> events) : ILakeReader
{
    public string Location => "in-process replay";

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(["replay.parquet"]);

    public async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        return await ParquetLakeFile.EncodeAsync([.. events.Select(e => LakeEventRow.From(e, at))], cancellationToken);
    }
}
