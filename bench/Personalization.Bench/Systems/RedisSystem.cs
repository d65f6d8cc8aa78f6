using System.Collections.Immutable;
using System.Globalization;
using Personalization.Bench.Measure;
using Personalization.Bench.Workload;
using Personalization.Catalog;
using Personalization.Domain;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;
using StackExchange.Redis;

namespace Personalization.Bench.Systems;

/// <summary>
/// The architecture being replaced, done well: state in a real redis-server (hashes, sorted sets,
/// sets, lists), each event applied by one Lua script call, calls pipelined (thousands in flight on
/// one multiplexed connection), queries in three pipelined round trips (context; neighbour and
/// trending lists; product cards), and the same ranking code as the cluster on top.
/// </summary>
public sealed class RedisSystem : IBenchSystem
{
    private const int InFlight = 2000;
    private const int NeighboursPerAnchor = 50;
    private const int TrendingDepth = 100;
    private const char PathSeparator = '\u001f';

    private readonly RankingOptions _options = new();
    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private IDatabase _db = null!;
    private byte[] _applySha = null!;
    private DateTimeOffset _base;

    public string Name => "redis";

    public string AppliedDefinition => "applied at acknowledgement: each event's script runs atomically before Redis answers it; the ingestion timer stops at the last answer";

    public IReadOnlyList<IngestPath> IngestPaths => [new("EVALSHA pipelined", (events, _) => IngestAsync(events), evt => ApplyAsync(evt))];

    public IReadOnlyList<QueryPath> QueryPaths => [new("StackExchange.Redis", async r => (await OffersAsync(r)).Personalized, async id => (await SimilarAsync(id)).Products.Length)];

    public async Task StartAsync(GeneratedWorkload workload)
    {
        _base = workload.BaseTime;
        _server = await RedisServer.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_server.Port},abortConnect=false,allowAdmin=true,syncTimeout=60000,asyncTimeout=60000");
        _db = _redis.GetDatabase();
        var server = _redis.GetServer("127.0.0.1", _server.Port);
        _applySha = await server.ScriptLoadAsync(RedisScripts.Apply(_options));
    }

    public async Task LoadCatalogAsync(IReadOnlyList<ProductRecord> products)
    {
        foreach (var chunk in products.Chunk(5000))
        {
            var batch = _db.CreateBatch();
            var writes = chunk.Select(p => batch.HashSetAsync("r:" + p.Id,
            [
                new("t", p.Title ?? ""),
                new("cp", string.Join(PathSeparator, p.CategoryPath)),
                new("cat", p.Category ?? ""),
                new("b", p.Brand ?? ""),
                new("pr", p.Price?.ToString(CultureInfo.InvariantCulture) ?? ""),
                new("cur", p.Currency ?? ""),
                new("st", p.Stock?.ToString(CultureInfo.InvariantCulture) ?? ""),
                new("a", p.Active ? 1 : 0),
            ])).ToList();
            batch.Execute();
            await Task.WhenAll(writes);
        }
    }

    private async Task IngestAsync(ShopperEvent[] events)
    {
        var window = new Queue<Task<RedisResult>>(InFlight);
        foreach (var evt in events)
        {
            if (window.Count >= InFlight) await window.Dequeue();
            window.Enqueue(_db.ScriptEvaluateAsync(_applySha, values: Arguments(evt), flags: CommandFlags.None));
        }

        while (window.Count > 0) await window.Dequeue();
    }

    private Task ApplyAsync(ShopperEvent evt) => _db.ScriptEvaluateAsync(_applySha, values: Arguments(evt));

    private RedisValue[] Arguments(ShopperEvent evt)
    {
        var lines = evt.ProductLines().ToList();
        var args = new RedisValue[9 + lines.Count * 5];
        args[0] = evt.MessageId;
        args[1] = (int)evt.Kind;
        args[2] = evt.UserId ?? "";
        args[3] = evt.SessionKey ?? "";
        args[4] = (evt.Timestamp - _base).TotalMilliseconds;
        args[5] = evt.StoreId ?? "";
        args[6] = evt.Zone ?? "";
        args[7] = evt.Query ?? "";
        args[8] = lines.Count;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            args[9 + i * 5] = line.ProductId;
            args[10 + i * 5] = line.Category ?? "";
            args[11 + i * 5] = line.Brand ?? "";
            args[12 + i * 5] = line.Price?.ToString(CultureInfo.InvariantCulture) ?? "";
            args[13 + i * 5] = line.Quantity;
        }

        return args;
    }

    public async Task<OfferList> OffersAsync(OfferRequest request)
    {
        // Round trip 1: the shopper's context.
        var batch = _db.CreateBatch();
        Task<RedisValue[]>? customerFields = null;
        Task<SortedSetEntry[]>? customerRecent = null, categories = null, brands = null;
        Task<HashEntry[]>? customerKinds = null;
        Task<RedisValue[]>? purchases = null;
        if (request.CustomerId is { } customerId)
        {
            var ck = "c:" + customerId;
            customerFields = batch.HashGetAsync(ck, ["lsk", "ls", "n"]);
            customerRecent = batch.SortedSetRangeByRankWithScoresAsync(ck + ":rec", 0, _options.RecentItemsCapacity - 1, Order.Descending);
            customerKinds = batch.HashGetAllAsync(ck + ":rk");
            purchases = batch.ListRangeAsync(ck + ":buy");
            categories = batch.SortedSetRangeByRankWithScoresAsync(ck + ":cat", 0, 4, Order.Descending);
            brands = batch.SortedSetRangeByRankWithScoresAsync(ck + ":brand", 0, 4, Order.Descending);
        }

        var sessionKey = request.SessionId;
        var session = sessionKey is null ? null : SessionReads(batch, sessionKey);
        batch.Execute();

        ShopperSnapshot? customer = null;
        if (request.CustomerId is { } id && (await customerFields!)[2].HasValue)
        {
            var fields = await customerFields!;
            customer = new ShopperSnapshot
            {
                CustomerId = id,
                LastSessionKey = fields[0],
                LastStoreId = fields[1],
                RecentItems = Recent(await customerRecent!, await customerKinds!),
                Purchases = [.. (await purchases!).Select(ParsePurchase)],
                TopCategories = [.. (await categories!).Select(e => new WeightedKey(e.Element!, e.Score))],
                TopBrands = [.. (await brands!).Select(e => new WeightedKey(e.Element!, e.Score))],
                EventCount = (long)fields[2],
            };
        }

        // A customer without a session in the request gets the last session the customer was seen in (one more round trip).
        if (session is null && customer?.LastSessionKey is { } last)
        {
            var more = _db.CreateBatch();
            session = SessionReads(more, last);
            more.Execute();
        }

        var sessionSnapshot = session is null ? null : await session.Snapshot(this);
        var plan = OfferPlan.For(request, customer, sessionSnapshot, _options);

        // Round trip 2: neighbour lists of the anchors, trending boards.
        var lists = _db.CreateBatch();
        var anchors = plan.Anchors.Select(a => a.ProductId).Distinct(StringComparer.Ordinal).ToList();
        var neighbourReads = anchors.Select(a => NeighbourReads(lists, a, NeighboursPerAnchor)).ToList();
        var categoryKeys = plan.Categories.Select(c => c.Key).Distinct(StringComparer.Ordinal).ToList();
        var categoryReads = categoryKeys.Select(c => Board(lists, TrendingScopes.Category(c))).ToList();
        var storeRead = plan.StoreId is { } store ? Board(lists, TrendingScopes.Store(store)) : null;
        var allRead = Board(lists, TrendingScopes.All);
        lists.Execute();

        var neighbours = new Dictionary<string, ProductNeighbours>(StringComparer.Ordinal);
        for (var i = 0; i < anchors.Count; i++) neighbours[anchors[i]] = await neighbourReads[i];
        var byCategory = new Dictionary<string, IReadOnlyList<TrendingEntry>>(StringComparer.Ordinal);
        for (var i = 0; i < categoryKeys.Count; i++) byCategory[categoryKeys[i]] = await categoryReads[i];
        var inStore = storeRead is null ? [] : await storeRead;
        var candidates = OfferComposer.Score(plan, neighbours, byCategory, inStore, await allRead);

        // Round trip 3 (and more only when filters reject most candidates): product cards.
        var limit = request.Limit;
        var chunk = Math.Max(limit * 3, 30);
        var cards = await CardsAsync(candidates.Take(chunk).Select(c => c.ProductId).Concat(plan.Anchors.Select(a => a.ProductId)));
        var offers = OfferComposer.Finalize(plan, candidates.Take(chunk), cards);
        for (var start = chunk; offers.Length < limit && start < candidates.Count && start < chunk * 4; start += chunk)
        {
            foreach (var (cardId, card) in await CardsAsync(candidates.Skip(start).Take(chunk).Select(c => c.ProductId))) cards[cardId] = card;
            offers = OfferComposer.Finalize(plan, candidates.Take(start + chunk), cards);
        }

        return new OfferList(offers, plan.Personalized, "heuristic");
    }

    public async Task<SimilarProductList> SimilarAsync(string productId)
    {
        const int limit = 10;
        var batch = _db.CreateBatch();
        var read = NeighbourReads(batch, productId, Math.Max(limit * 3, 30));
        batch.Execute();
        var blended = SimilarityBlender.Blend(await read, SimilarityKind.Blend);
        var cards = await CardsAsync(blended.Take(limit * 2).Select(b => b.ProductId).Append(productId));
        var source = cards[productId];
        var products = blended
            .Where(b => cards.TryGetValue(b.ProductId, out var card) && card.Active && card.InStock)
            .Take(limit)
            .Select(b => new SimilarProduct(b.ProductId, Math.Round(b.Score, 6), SimilarityBlender.ReasonFor(b.Relation, source), cards[b.ProductId]));
        return new SimilarProductList(productId, SimilarityKind.Blend, [.. products]);
    }

    private static SessionRead SessionReads(IBatch batch, string sessionKey)
    {
        var sk = "s:" + sessionKey;
        return new SessionRead(
            sessionKey,
            batch.HashGetAsync(sk, ["store", "zone", "q", "n"]),
            batch.SortedSetRangeByRankWithScoresAsync(sk + ":rec", 0, -1, Order.Descending),
            batch.HashGetAllAsync(sk + ":rk"),
            batch.SetMembersAsync(sk + ":cart"),
            batch.SetMembersAsync(sk + ":buy"));
    }

    private sealed record SessionRead(string Key, Task<RedisValue[]> Fields, Task<SortedSetEntry[]> Recent, Task<HashEntry[]> Kinds, Task<RedisValue[]> Cart, Task<RedisValue[]> Bought)
    {
        public async Task<SessionSnapshot?> Snapshot(RedisSystem system)
        {
            var fields = await Fields;
            if (!fields[3].HasValue) return null;
            return new SessionSnapshot
            {
                SessionKey = Key,
                StoreId = fields[0],
                Zone = fields[1],
                LastQuery = fields[2],
                RecentItems = system.Recent(await Recent, await Kinds),
                Cart = [.. (await Cart).Select(v => (string)v!)],
                Purchased = [.. (await Bought).Select(v => (string)v!)],
                EventCount = (long)fields[3],
            };
        }
    }

    private ImmutableArray<RecentItem> Recent(SortedSetEntry[] entries, HashEntry[] kinds)
    {
        var kindOf = kinds.ToDictionary(h => (string)h.Name!, h => (EventKind)(int)h.Value, StringComparer.Ordinal);
        return [.. entries.Select(e => new RecentItem(e.Element!, kindOf.GetValueOrDefault((string)e.Element!, EventKind.ProductViewed), At(e.Score)))];
    }

    private RecentItem ParsePurchase(RedisValue value)
    {
        var text = (string)value!;
        var bar = text.LastIndexOf('|');
        return new RecentItem(text[..bar], EventKind.OrderCompleted, At(double.Parse(text.AsSpan(bar + 1), CultureInfo.InvariantCulture)));
    }

    private DateTimeOffset At(double milliseconds) => _base.AddMilliseconds(milliseconds);

    private static Task<ProductNeighbours> NeighbourReads(IBatch batch, string productId, int count)
    {
        var entries = batch.SortedSetRangeByRankWithScoresAsync("p:" + productId + ":co", 0, count - 1, Order.Descending);
        var bought = batch.SetMembersAsync("p:" + productId + ":bt");
        return Combine(productId, entries, bought);

        static async Task<ProductNeighbours> Combine(string productId, Task<SortedSetEntry[]> entries, Task<RedisValue[]> bought)
        {
            var boughtSet = (await bought).Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);
            var behaviour = (await entries).Select(e => new Neighbour(e.Element!, e.Score, boughtSet.Contains(e.Element!) ? Relation.BoughtTogether : Relation.ViewedTogether));
            return new ProductNeighbours(productId, [.. behaviour], []);
        }
    }

    private Task<IReadOnlyList<TrendingEntry>> Board(IBatch batch, string scope)
    {
        var at = _base;
        return After(batch.SortedSetRangeByRankWithScoresAsync("t:" + scope, 0, TrendingDepth - 1, Order.Descending),
            entries => (IReadOnlyList<TrendingEntry>)[.. entries.Select(e => new TrendingEntry(e.Element!, e.Score, at))]);
    }

    /// <summary>Maps a queued batch read once it completes (after the batch is executed).</summary>
    private static async Task<TOut> After<TIn, TOut>(Task<TIn> read, Func<TIn, TOut> map) => map(await read);

    private async Task<Dictionary<string, ProductCard>> CardsAsync(IEnumerable<string> productIds)
    {
        var ids = productIds.Distinct(StringComparer.Ordinal).ToList();
        var batch = _db.CreateBatch();
        RedisValue[] fields = ["t", "cp", "b", "pr", "cur", "st", "a"];
        var reads = ids.Select(id => batch.HashGetAsync("r:" + id, fields)).ToList();
        var seen = ids.Select(id => batch.HashGetAsync("p:" + id, ["cat", "brand", "price"])).ToList();
        batch.Execute();
        var cards = new Dictionary<string, ProductCard>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            var r = await reads[i];
            if (r[1].HasValue)
            {
                var stock = r[5].IsNullOrEmpty ? (int?)null : (int)r[5];
                cards[ids[i]] = new ProductCard
                {
                    Id = ids[i],
                    Title = r[0],
                    CategoryPath = ((string)r[1]!).Split(PathSeparator),
                    Brand = r[2],
                    Price = r[3].IsNullOrEmpty ? null : decimal.Parse((string)r[3]!, CultureInfo.InvariantCulture),
                    Currency = r[4],
                    InStock = stock is not <= 0,
                    Active = (int)r[6] == 1,
                    InCatalog = true,
                };
            }
            else
            {
                var s = await seen[i];
                cards[ids[i]] = new ProductCard
                {
                    Id = ids[i],
                    CategoryPath = s[0].IsNullOrEmpty ? [] : [(string)s[0]!],
                    Brand = s[1],
                    Price = s[2].IsNullOrEmpty ? null : decimal.Parse((string)s[2]!, CultureInfo.InvariantCulture),
                    InCatalog = false,
                };
            }
        }

        return cards;
    }

    public async Task<long> VerifyAsync(ExpectedCounts expected)
    {
        long bad = 0;
        var all = expected.Customers.Select(kv => ("c:" + kv.Key, kv.Value))
            .Concat(expected.Sessions.Select(kv => ("s:" + kv.Key, kv.Value)))
            .Concat(expected.Products.Select(kv => ("p:" + kv.Key, kv.Value)));
        foreach (var chunk in all.Chunk(5000))
        {
            var batch = _db.CreateBatch();
            var reads = chunk.Select(c => batch.HashGetAsync(c.Item1, "n")).ToList();
            batch.Execute();
            for (var i = 0; i < chunk.Length; i++)
                if ((long)(await reads[i]) != chunk[i].Item2) bad++;
        }

        return bad;
    }

    public MemoryReading Memory()
    {
        var info = _redis.GetServer("127.0.0.1", _server.Port).Info("memory").SelectMany(g => g).ToDictionary(kv => kv.Key, kv => kv.Value);
        return new MemoryReading(long.Parse(info["used_memory"], CultureInfo.InvariantCulture), MemoryProbe.ResidentBytes(_server.ProcessId));
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
        _server?.Dispose();
    }
}
