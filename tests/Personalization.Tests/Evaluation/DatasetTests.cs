using System.Text.Json;
using Personalization.Silo.Evaluation;

namespace Personalization.Tests.Evaluation;

public sealed class DatasetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eval-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Leave_one_out_holds_back_the_last_item_and_counts_the_whole_file()
    {
        var path = Write("Tiny.txt", "1 10 11 12\n2 11 13\n3 14\n");
        Write("Tiny_item2attributes.json", """{"10": [1, 2], "12": [3]}""");

        var data = SequenceDataset.Load(path, Path.Combine(_dir, "Tiny_item2attributes.json"), null, TimeSpan.FromMinutes(1));

        Assert.Equal(2, data.Users.Count); // user 3 has no history before its only item
        var first = data.Users[0];
        Assert.Equal(["12"], first.Targets);
        Assert.Equal(["10", "11"], first.History.Select(o => o.Lines[0].ProductId));
        Assert.Equal(SequenceDataset.SyntheticStart.AddMinutes(1), first.History[1].Timestamp);
        Assert.Equal(2, data.WholeFileCounts["11"]);
        Assert.Equal(1, data.WholeFileCounts["12"]); // test items count for PopRec
        Assert.False(data.WholeFileCounts.ContainsKey("14")); // user 3's line is not a user of the protocol
        Assert.Equal(["attr-1", "attr-2"], data.Catalog.Single(i => i.Id == "10").CategoryPath);
    }

    [Fact]
    public void The_validation_target_is_the_second_to_last_item_and_the_test_item_is_never_shown()
    {
        var path = Write("Val.txt", "1 10 11 12 13\n2 11 13\n");

        var data = SequenceDataset.Load(path, null, null, TimeSpan.FromMinutes(1), EvaluationTarget.Validation);

        var user = Assert.Single(data.Users); // user 2 has no history before its validation item
        Assert.Equal(["12"], user.Targets);
        Assert.Equal(["10", "11"], user.History.Select(o => o.Lines[0].ProductId));
        Assert.DoesNotContain(data.Replay.SelectMany(u => u.History).SelectMany(o => o.Lines), l => l.ProductId == "13");
        Assert.Contains("VALIDATION", data.Protocol);
    }

    [Fact]
    public void Retail_validation_moves_the_split_back_and_reads_nothing_from_the_test_period()
    {
        var path = Write("retail-val.csv", """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            1,A1,CUP,2,2011-07-01 10:00:00,1.5,100,UK
            2,B2,PLATE,1,2011-08-15 10:00:00,2.5,100,UK
            3,C3,BOWL,1,2011-10-05 10:00:00,2.0,100,UK
            """);

        var data = RetailDataset.Load(path, null, new DateTimeOffset(2011, 10, 1, 0, 0, 0, TimeSpan.Zero), null, EvaluationTarget.Validation);

        var user = Assert.Single(data.Users);
        Assert.Equal(["A1"], user.History.SelectMany(o => o.Lines).Select(l => l.ProductId));
        Assert.Equal(["B2"], user.Targets); // the next basket after 2011-08-02, before the test cut-off
        Assert.DoesNotContain(data.Catalog, i => i.Id == "C3");
    }

    [Fact]
    public void Replayed_events_never_carry_a_users_target()
    {
        var path = Write("Seq.txt", string.Join('\n', Enumerable.Range(1, 300).Select(u => $"{u} {string.Join(' ', Enumerable.Range(0, 5).Select(i => (u * 7 + i) % 50))}")));
        var data = SequenceDataset.Load(path, null, null, TimeSpan.FromMinutes(1));
        var catalog = data.Catalog.ToDictionary(i => i.Id);
        var targets = data.Users.ToDictionary(u => u.UserId, u => u.Targets.Single());

        var events = 0;
        foreach (var (body, count) in ReplayEvents.Batches(data.Replay, catalog, maxEvents: 100, maxBytes: 64 * 1024))
        {
            var lines = System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(count, lines.Length);
            Assert.True(count <= 100);
            foreach (var line in lines)
            {
                using var json = JsonDocument.Parse(line);
                var user = json.RootElement.GetProperty("userId").GetString()!;
                foreach (var product in json.RootElement.GetProperty("properties").GetProperty("products").EnumerateArray())
                    Assert.NotEqual(targets[user], product.GetProperty("product_id").GetString());
                events++;
            }
        }

        Assert.Equal(300 * 4, events); // 5 items each: 4 history events, the fifth held back
    }

    [Fact]
    public void Retail_cleaning_and_time_split_score_only_new_products_of_the_next_basket()
    {
        var path = Write("retail.csv", """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            1,A1,CUP,2,2011-09-01 10:00:00,1.5,100,UK
            1,POST,POSTAGE,1,2011-09-01 10:00:00,18,100,UK
            C2,A1,CUP,-2,2011-09-02 10:00:00,1.5,100,UK
            3,B2,"PLATE, BLUE",1,2011-09-03 10:00:00,0,100,UK
            4,C3,BOWL,1,2011-09-04 10:00:00,2.0,,UK
            5,A1,CUP,1,2011-10-02 10:00:00,1.5,100,UK
            5,D4,JUG,1,2011-10-02 10:00:00,3.0,100,UK
            6,E5,MUG,1,2011-10-05 10:00:00,3.0,100,UK
            7,D4,JUG,1,2011-10-03 10:00:00,3.0,200,UK
            """);

        var data = RetailDataset.Load(path, null, new DateTimeOffset(2011, 10, 1, 0, 0, 0, TimeSpan.Zero), null);

        var user = Assert.Single(data.Users);
        Assert.Equal("100", user.UserId);
        Assert.Equal(["A1"], user.History.SelectMany(o => o.Lines).Select(l => l.ProductId));
        Assert.Equal(["D4"], user.Targets); // A1 was bought before; the basket after that (E5) is not the next one
        Assert.Single(data.Replay); // customer 200 has no history before the cut-off
        Assert.Equal(["A1", "D4", "E5"], data.Catalog.Select(i => i.Id).Order());
    }
}
