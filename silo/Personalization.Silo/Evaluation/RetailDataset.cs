using System.Globalization;
using System.IO.Compression;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// Reads UCI Online Retail (<c>InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country</c>,
/// optionally gzipped) and prepares a time split: every order before the cut-off is history; each
/// customer with history and an order after the cut-off is scored on the new-to-them products of that
/// next order (products already bought are excluded from the ranking, as in the Beauty protocol).
/// With <see cref="EvaluationTarget.Validation"/> nothing from the cut-off on is read and the split moves
/// back by <see cref="ValidationWindow"/>, so model selection never sees the test period.
/// Cleaning as the datasets README says: known customer, not a cancellation (<c>C</c> invoice),
/// quantity &gt; 0, price &gt; 0, and a product code (postage, fees and manual lines are dropped).
/// </summary>
public static class RetailDataset
{
    public static readonly DateTimeOffset DefaultCutoff = new(2011, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far before the test cut-off the validation split lies.</summary>
    public static readonly TimeSpan ValidationWindow = TimeSpan.FromDays(60);

    /// <summary>The validator's quantity limit; larger wholesale lines are capped, not dropped.</summary>
    public const int MaxQuantity = 10_000;

    private static readonly HashSet<string> NonProducts = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST", "D", "M", "DOT", "BANK CHARGES", "AMAZONFEE", "C2", "PADS", "CRUK", "S", "B",
    };

    private sealed record Line(string Invoice, string Code, string Description, int Quantity, DateTimeOffset At, decimal Price, string Customer);

    public static EvaluationData Load(string path, string? productsPath, DateTimeOffset cutoff, int? maxUsers, EvaluationTarget target = EvaluationTarget.Test)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The Online Retail file '{path}' does not exist. Pass --path to online_retail.csv(.gz) (e.g. ../shared/datasets/online-retail/online_retail.csv.gz).", path);

        var lines = ReadLines(path).ToList();
        if (target == EvaluationTarget.Validation)
        {
            lines = lines.Where(l => l.At < cutoff).ToList();
            cutoff -= ValidationWindow;
        }

        var counts = lines.GroupBy(l => l.Code).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var catalog = productsPath is not null && File.Exists(productsPath) ? ReadProducts(productsPath, counts) : CatalogFrom(lines);

        var replay = new List<UserCase>();
        var scored = new List<UserCase>();
        foreach (var customer in lines.GroupBy(l => l.Customer).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var orders = customer.GroupBy(l => l.Invoice)
                .Select(g => new HistoryOrder(g.Key, g.Min(l => l.At), Merge(g)))
                .OrderBy(o => o.Timestamp).ThenBy(o => o.OrderId, StringComparer.Ordinal)
                .ToList();
            var history = orders.Where(o => o.Timestamp < cutoff).ToList();
            if (history.Count == 0) continue;
            var seen = history.SelectMany(o => o.Lines).Select(l => l.ProductId).ToHashSet(StringComparer.Ordinal);
            var next = orders.FirstOrDefault(o => o.Timestamp >= cutoff);
            var targets = next?.Lines.Select(l => l.ProductId).Where(id => !seen.Contains(id)).ToHashSet(StringComparer.Ordinal) ?? [];

            var user = new UserCase(customer.Key, history, targets);
            replay.Add(user);
            if (targets.Count > 0) scored.Add(user);
        }

        if (maxUsers is { } max)
        {
            scored = scored.Take(max).ToList();
            var keep = scored.Select(u => u.UserId).ToHashSet(StringComparer.Ordinal);
            replay = replay.Where(u => keep.Contains(u.UserId)).ToList();
        }

        return new EvaluationData(
            "OnlineRetail",
            $"time split at {cutoff:yyyy-MM-dd}{(target == EvaluationTarget.Validation ? " (VALIDATION: nothing from the test cut-off on is read)" : "")}: next basket's new products, history excluded",
            catalog, scored, replay, counts, [10, 20]);
    }

    private static List<OrderLine> Merge(IEnumerable<Line> lines) =>
        lines.GroupBy(l => l.Code)
            .Select(g => new OrderLine(g.Key, Math.Min(MaxQuantity, g.Sum(l => l.Quantity)), g.First().Price))
            .ToList();

    private static IEnumerable<Line> ReadLines(string path)
    {
        using var stream = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(input);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } text)
        {
            var f = Csv.Split(text);
            if (f.Count < 8) continue;
            var (invoice, code, description, customer) = (f[0], f[1].Trim(), f[2].Trim(), f[6].Trim());
            if (customer.Length == 0 || invoice.StartsWith('C') || !IsProduct(code)) continue;
            if (!int.TryParse(f[3], CultureInfo.InvariantCulture, out var quantity) || quantity <= 0) continue;
            if (!decimal.TryParse(f[5], CultureInfo.InvariantCulture, out var price) || price <= 0) continue;
            if (!DateTime.TryParse(f[4], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) continue;
            if (customer.EndsWith(".0", StringComparison.Ordinal)) customer = customer[..^2];
            yield return new Line(invoice, code, description, quantity, new DateTimeOffset(at, TimeSpan.Zero), price, customer);
        }
    }

    private static bool IsProduct(string code) => code.Length > 0 && !NonProducts.Contains(code) && code.Any(char.IsDigit) && !code.StartsWith("gift_", StringComparison.OrdinalIgnoreCase);

    private static List<CatalogItem> ReadProducts(string path, Dictionary<string, int> seen)
    {
        var items = new List<CatalogItem>();
        foreach (var text in File.ReadLines(path).Skip(1))
        {
            var f = Csv.Split(text);
            if (f.Count < 3 || !IsProduct(f[0].Trim())) continue;
            var price = decimal.TryParse(f[2], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : (decimal?)null;
            items.Add(new CatalogItem(f[0].Trim(), f[1].Trim(), [], null, price));
        }

        // Products sold but missing from products.csv still belong to the catalogue.
        var known = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        items.AddRange(seen.Keys.Where(k => !known.Contains(k)).Select(k => new CatalogItem(k, null, [], null, null)));
        return items;
    }

    private static List<CatalogItem> CatalogFrom(List<Line> lines) =>
        lines.GroupBy(l => l.Code).Select(g => new CatalogItem(g.Key, g.First().Description, [], null, g.First().Price)).ToList();
}
