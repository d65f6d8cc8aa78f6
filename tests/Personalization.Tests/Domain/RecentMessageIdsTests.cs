using Personalization.Domain;

namespace Personalization.Tests.Domain;

public sealed class RecentMessageIdsTests
{
    [Fact]
    public void A_repeated_id_is_a_duplicate_within_the_window_only()
    {
        var ids = new RecentMessageIds();

        Assert.True(ids.TryRecord("a", capacity: 2));
        Assert.False(ids.TryRecord("a", capacity: 2));
        Assert.True(ids.TryRecord("b", capacity: 2));
        Assert.True(ids.TryRecord("c", capacity: 2));
        Assert.True(ids.TryRecord("a", capacity: 2));
        Assert.Equal(2, ids.Count);
    }
}
