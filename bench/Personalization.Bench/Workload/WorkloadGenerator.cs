using System.Collections.Immutable;
using Personalization.Catalog;
using Personalization.Events;

namespace Personalization.Bench.Workload;

/// <summary>
/// Generates a catalogue with Zipf popularity and shoppers with sessions: views, clicks, searches,
/// cart adds, orders, beacon and shelf events in store. Sessions overlap (a fixed number are open at
/// once), each shopper keeps a favourite category, and every customer gets at least one session, so
/// the number of active customers is exact. Deterministic for a given shape and seed.
/// </summary>
public static class WorkloadGenerator
{
    public static GeneratedWorkload Generate(WorkloadShape shape)
    {
        var random = new Random(shape.Seed);
        var categories = Enumerable.Range(0, WorkloadShape.TopCategories * WorkloadShape.CategoriesPerTop)
            .Select(i => (Top: $"dept-{i / WorkloadShape.CategoriesPerTop}", Leaf: $"cat-{i}"))
            .ToArray();

        // Product rank = popularity rank; the category of a product is random, so every category has a head and a tail.
        var products = new ProductRecord[shape.Products];
        var byCategory = new List<int>[categories.Length];
        for (var c = 0; c < categories.Length; c++) byCategory[c] = [];
        var categoryOf = new int[shape.Products];
        for (var rank = 0; rank < shape.Products; rank++)
        {
            var c = random.Next(categories.Length);
            categoryOf[rank] = c;
            byCategory[c].Add(rank);
            products[rank] = new ProductRecord
            {
                Id = $"p{rank}",
                Title = $"Product {rank}",
                CategoryPath = [categories[c].Top, categories[c].Leaf],
                Brand = $"brand-{random.Next(WorkloadShape.Brands)}",
                Price = Math.Round((decimal)(2 + random.NextDouble() * 200), 2),
                Currency = "EUR",
                Stock = random.NextDouble() < 0.05 ? 0 : 10 + random.Next(100),
                Active = random.NextDouble() >= 0.02,
            };
        }

        var popularity = new Zipf(shape.Products, WorkloadShape.PopularityExponent);
        var inCategory = byCategory.Select(list => new Zipf(Math.Max(1, list.Count), WorkloadShape.PopularityExponent)).ToArray();

        var baseTime = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-10), TimeSpan.Zero);
        var step = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromDays(7).Ticks / Math.Max(1, shape.Events)));

        var events = new ShopperEvent[shape.Events];
        var lastSession = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = new SessionState?[Math.Min(WorkloadShape.ConcurrentSessions, Math.Max(1, shape.Customers))];
        var nextCustomer = 0;
        var sessionCount = 0;

        SessionState NewSession()
        {
            // The first logged-in sessions go to each customer in turn, so every customer is active;
            // an anonymous session takes no customer number.
            var session = $"s{sessionCount++}";
            var anonymous = random.NextDouble() < WorkloadShape.AnonymousShare;
            var customer = anonymous ? random.Next(shape.Customers) : nextCustomer < shape.Customers ? nextCustomer++ : random.Next(shape.Customers);
            var inStore = random.NextDouble() < 0.2;
            // A shopper's favourite category is stable: derived from the customer number.
            var favourite = (int)((uint)(customer * 2654435761u) % (uint)categories.Length);
            return new SessionState(
                anonymous ? null : $"c{customer}",
                anonymous ? $"a{session}" : null,
                session,
                favourite,
                inStore ? $"store-{random.Next(WorkloadShape.Stores)}" : null,
                2 + random.Next(13));
        }

        for (var i = 0; i < events.Length; i++)
        {
            var slot = random.Next(open.Length);
            var state = open[slot] ??= NewSession();
            var at = baseTime + step * i;
            events[i] = NextEvent(state, $"e{i}", at);
            if (state.UserId is { } userId) lastSession[userId] = state.SessionId;
            if (--state.Remaining <= 0) open[slot] = null;
        }

        var customers = lastSession.Keys.OrderBy(k => int.Parse(k.AsSpan(1))).ToArray();
        return new GeneratedWorkload(shape, products, events, customers, lastSession, popularity, baseTime, baseTime + step * events.Length);

        int PickProduct(SessionState s) =>
            random.NextDouble() < 0.6 && byCategory[s.Favourite].Count > 0
                ? byCategory[s.Favourite][inCategory[s.Favourite].Next(random)]
                : popularity.Next(random);

        ShopperEvent NextEvent(SessionState s, string messageId, DateTimeOffset at)
        {
            var evt = new ShopperEvent
            {
                MessageId = messageId,
                Kind = EventKind.ProductViewed,
                UserId = s.UserId,
                AnonymousId = s.AnonymousId,
                SessionKey = s.SessionId,
                Timestamp = at,
            };

            if (s.StoreId is { } store && !s.Started)
            {
                s.Started = true;
                return evt with { Kind = EventKind.BeaconZoneEntered, StoreId = store, Zone = $"zone-{random.Next(8)}" };
            }

            s.Started = true;
            var r = random.NextDouble();
            if (r < 0.10) return evt with { Kind = EventKind.ProductsSearched, Query = categories[s.Favourite].Leaf.Replace('-', ' ') };
            if (r < 0.20 && s.Viewed.Count > 0)
            {
                var added = s.Viewed[random.Next(s.Viewed.Count)];
                s.Cart.Add(added);
                return WithProduct(evt with { Kind = EventKind.ProductAdded }, added);
            }

            if (r < 0.24 && s.Cart.Count > 0)
            {
                var lines = s.Cart.Distinct().Select(rank => Line(rank, 1 + random.Next(2))).ToImmutableArray();
                s.Cart.Clear();
                return evt with { Kind = EventKind.OrderCompleted, Products = lines, OrderId = $"o{messageId}" };
            }

            if (r < 0.30 && s.StoreId is { } shelfStore)
                return WithProduct(evt with { Kind = EventKind.ShelfItemPickedUp, StoreId = shelfStore }, PickProduct(s));

            var viewed = PickProduct(s);
            s.Viewed.Add(viewed);
            return WithProduct(evt with { Kind = r < 0.40 ? EventKind.ProductClicked : EventKind.ProductViewed, StoreId = s.StoreId }, viewed);
        }

        ShopperEvent WithProduct(ShopperEvent evt, int rank)
        {
            var p = products[rank];
            return evt with { ProductId = p.Id, Category = p.Category, Brand = p.Brand, Price = p.Price, Quantity = 1 };
        }

        LineItem Line(int rank, int quantity)
        {
            var p = products[rank];
            return new LineItem(p.Id, p.Price, quantity, p.Category, p.Brand);
        }
    }

    private sealed class SessionState(string? userId, string? anonymousId, string sessionId, int favourite, string? storeId, int remaining)
    {
        public string? UserId { get; } = userId;
        public string? AnonymousId { get; } = anonymousId;
        public string SessionId { get; } = sessionId;
        public int Favourite { get; } = favourite;
        public string? StoreId { get; } = storeId;
        public int Remaining { get; set; } = remaining;
        public bool Started { get; set; }
        public List<int> Viewed { get; } = [];
        public List<int> Cart { get; } = [];
    }
}
