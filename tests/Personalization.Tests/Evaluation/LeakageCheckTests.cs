using Personalization.Events;
using Personalization.Silo.Evaluation;

namespace Personalization.Tests.Evaluation;

public sealed class LeakageCheckTests
{
    private static readonly DateTimeOffset T0 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static UserCase User(string id, string target, params string[] history) =>
        new(id, [.. history.Select((p, i) => new HistoryOrder($"{id}-{i}", T0.AddMinutes(i), [new OrderLine(p, 1, null)]))], new HashSet<string>(StringComparer.Ordinal) { target });

    private static ShopperEvent Bought(string user, params string[] products) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"), Kind = EventKind.OrderCompleted, UserId = user, Timestamp = T0,
        Products = [.. products.Select(p => new LineItem(p, null, 1, null, null))],
    };

    [Fact]
    public void A_users_target_in_that_users_events_is_a_leak_and_stops_the_run()
    {
        var users = new[] { User("u1", "t1", "a"), User("u2", "t2", "b") };
        var events = new[] { Bought("u1", "a"), Bought("u2", "b", "t2") };

        Assert.Equal([("u2", "t2")], LeakageCheck.Leaks(events, users));
        var error = Assert.Throws<InvalidOperationException>(() => LeakageCheck.Verify(events, users, TextWriter.Null));
        Assert.Contains("user u2, product t2", error.Message);
    }

    [Fact]
    public void Another_users_interaction_with_the_same_product_is_not_a_leak()
    {
        var users = new[] { User("u1", "t1", "a") };

        Assert.Empty(LeakageCheck.Leaks([Bought("u1", "a"), Bought("u9", "t1")], users));
    }

    [Fact]
    public void The_replayed_events_of_a_dataset_never_hold_a_target()
    {
        var data = new EvaluationData("tiny", "loo", [], [User("u1", "c", "a", "b"), User("u2", "a", "c", "b")], [User("u1", "c", "a", "b"), User("u2", "a", "c", "b")],
            new Dictionary<string, int>(), [10]);

        var replayed = InProcessReplay.Validated(data).ToList();

        Assert.Equal(4, replayed.Count);
        Assert.Empty(LeakageCheck.Leaks(replayed, data.Users));
    }
}
