using Orleans.Runtime;
using Personalization.Silo.Storage.Checkpoints;

namespace Personalization.Tests.Durability;

public sealed class RoutedLedgerTests
{
    private static readonly StreamId Customer = StreamId.Create("customer", "c1");
    private static readonly StreamId Product = StreamId.Create("product", "p1");
    private static readonly StreamId Other = StreamId.Create("product", "p2");

    [Fact]
    public void A_check_asks_each_stream_for_its_count_and_range_below_the_delivered_offset()
    {
        var ledger = new RoutedLedger(partition: 1, committedNextOffset: 100);
        ledger.Route(100, [Customer, Product]);
        ledger.Route(101, [Customer, Other]);
        ledger.Route(103, [Customer]);
        ledger.Route(104, [Product]);

        var plan = ledger.TryPlan(committed: 100, delivered: 104)!;
        var checks = plan.Checks.ToDictionary(c => c.Stream, c => c.Check);
        Assert.Equal(3, checks[Customer].Count);
        Assert.Equal((100, 103), (checks[Customer].From, checks[Customer].Through));
        Assert.Equal((1, 100L), (checks[Product].Count, checks[Product].Through));
        Assert.Equal((1, 101L), (checks[Other].Count, checks[Other].Through));
        Assert.All(checks.Values, c => Assert.Equal(1, c.Partition));

        // One check at a time.
        Assert.Null(ledger.TryPlan(100, 105));

        ledger.Complete(plan, []);
        Assert.Equal(104, ledger.VerifiedNextOffset);
    }

    [Fact]
    public void A_stream_not_persisted_holds_the_verified_offset_at_its_first_event()
    {
        var ledger = new RoutedLedger(0, 0);
        ledger.Route(0, [Customer]);
        ledger.Route(1, [Product]);
        ledger.Route(2, [Product, Customer]);
        ledger.Route(3, [Other]);

        var plan = ledger.TryPlan(0, 4)!;
        ledger.Complete(plan, [Product]);
        Assert.Equal(1, ledger.VerifiedNextOffset);

        // The next check starts at the verified offset: the customer's event at 0 is not asked about again.
        var next = ledger.TryPlan(0, 4)!;
        var checks = next.Checks.ToDictionary(c => c.Stream, c => c.Check);
        Assert.Equal((1, 1L, 2L, 2), (checks[Customer].Count, checks[Customer].From, checks[Customer].Through, checks[Product].Count));
        Assert.Equal(0, checks[Customer].Committed);
        ledger.Complete(next, []);
        Assert.Equal(4, ledger.VerifiedNextOffset);
    }

    [Fact]
    public void Records_that_reached_no_grain_are_verified_without_a_check()
    {
        var ledger = new RoutedLedger(0, 5);
        Assert.Null(ledger.TryPlan(5, 9));
        Assert.Equal(9, ledger.VerifiedNextOffset);
    }
}
