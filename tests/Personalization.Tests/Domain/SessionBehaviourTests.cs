using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;
using static Personalization.Tests.Domain.DomainEvents;

namespace Personalization.Tests.Domain;

public sealed class SessionBehaviourTests
{
    private readonly RankingOptions _options = new();
    private readonly SessionBehaviour _session = new();

    [Fact]
    public void The_first_item_of_a_session_creates_no_evidence()
    {
        Assert.Empty(_session.Apply(Product(EventKind.ProductViewed, "a"), _options));
    }

    [Fact]
    public void The_earlier_item_learns_about_the_next_at_full_weight_and_the_later_at_half()
    {
        _session.Apply(Product(EventKind.ProductViewed, "a", 0), _options);
        var signals = _session.Apply(Product(EventKind.ProductViewed, "b", 1), _options);

        Assert.Equal(2, signals.Count);
        var toA = signals.Single(s => s.Target == "a").Signal;
        var toB = signals.Single(s => s.Target == "b").Signal;
        Assert.Equal(("b", 1.0, Relation.ViewedTogether), (toA.ProductId, toA.Weight, toA.Relation));
        Assert.Equal(("a", 0.5, Relation.ViewedTogether), (toB.ProductId, toB.Weight, toB.Relation));
    }

    [Fact]
    public void Evidence_weakens_with_distance_in_the_sequence()
    {
        _session.Apply(Product(EventKind.ProductViewed, "a", 0), _options);
        _session.Apply(Product(EventKind.ProductViewed, "b", 1), _options);
        var signals = _session.Apply(Product(EventKind.ProductViewed, "c", 2), _options);

        Assert.Equal(1.0, signals.Single(s => s.Target == "b").Signal.Weight);
        Assert.Equal(0.5, signals.Single(s => s.Target == "a").Signal.Weight);
    }

    [Fact]
    public void Products_bought_in_one_order_are_bought_together()
    {
        var signals = _session.Apply(Order(0, "a", "b"), _options);

        Assert.All(signals, s => Assert.Equal(Relation.BoughtTogether, s.Signal.Relation));
        Assert.Equal(["a", "b"], signals.Select(s => s.Target).Order());
        Assert.Equal(["a", "b"], _session.Snapshot("s1").Purchased.Order());
    }

    [Fact]
    public void The_cart_follows_adds_removes_and_orders()
    {
        _session.Apply(Product(EventKind.ProductAdded, "a", 0), _options);
        _session.Apply(Product(EventKind.ProductAdded, "b", 1), _options);
        _session.Apply(Product(EventKind.ProductRemoved, "a", 2), _options);
        Assert.Equal(["b"], _session.Snapshot("s1").Cart.ToArray());

        _session.Apply(Order(3, "b"), _options);
        Assert.Empty(_session.Snapshot("s1").Cart);
    }

    [Fact]
    public void After_the_session_timeout_the_context_starts_afresh()
    {
        _session.Apply(Product(EventKind.ProductViewed, "a", 0), _options);
        var signals = _session.Apply(Product(EventKind.ProductViewed, "b", 31), _options);

        Assert.Empty(signals);
        Assert.Equal(["b"], _session.Snapshot("s1").RecentItems.Select(i => i.ProductId));
        Assert.Equal(2, _session.Snapshot("s1").EventCount);
    }

    [Fact]
    public void A_duplicate_message_changes_nothing()
    {
        _session.Apply(Product(EventKind.ProductViewed, "a", 0), _options);
        var b = Product(EventKind.ProductViewed, "b", 1);
        Assert.NotEmpty(_session.Apply(b, _options));

        Assert.Empty(_session.Apply(b, _options));
        Assert.Equal(2, _session.Snapshot("s1").EventCount);
    }
}
