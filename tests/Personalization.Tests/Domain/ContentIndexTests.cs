using Personalization.Catalog;
using Personalization.Domain;

namespace Personalization.Tests.Domain;

public sealed class ContentIndexTests
{
    private static ProductRecord Product(string id, string title, string category, string brand) =>
        new() { Id = id, Title = title, CategoryPath = ["Shop", category], Brand = brand };

    private static readonly ContentFeaturizer Featurizer = new();

    private static void Upsert(ContentIndex index, ProductRecord record) => index.Upsert(record.Id, Featurizer.Featurize(record));

    [Fact]
    public void Products_sharing_words_category_and_brand_are_nearest()
    {
        var index = new ContentIndex();
        Upsert(index, Product("boot1", "Leather hiking boot", "Boots", "Alpine"));
        Upsert(index, Product("boot2", "Waterproof hiking boot", "Boots", "Alpine"));
        Upsert(index, Product("sandal", "Beach sandal", "Sandals", "Sunny"));
        Upsert(index, Product("kettle", "Electric kettle", "Kitchen", "Hearth"));

        var neighbours = index.Neighbours("boot1", 10);

        Assert.Equal("boot2", neighbours[0].ProductId);
        Assert.DoesNotContain(neighbours, n => n.ProductId == "kettle");
        Assert.All(neighbours, n => Assert.InRange(n.Score, 0, 1));
    }

    [Fact]
    public void Re_upserting_a_product_replaces_its_terms()
    {
        var index = new ContentIndex();
        Upsert(index, Product("a", "Red running shoe", "Running", "Stride"));
        Upsert(index, Product("b", "Blue running shoe", "Running", "Stride"));
        Upsert(index, Product("b", "Ceramic vase", "Decor", "Casa"));

        Assert.Empty(index.Neighbours("a", 10));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Featurized_vectors_are_unit_length_with_attributes_above_words()
    {
        var vector = Featurizer.Featurize(Product("a", "Red red running shoe", "Running", "Stride"));

        Assert.Equal(1, Math.Sqrt(vector.Values.Sum(v => (double)v * v)), 5);
        Assert.True(vector["category:running"] > vector["shoe"]);
        Assert.True(vector["brand:stride"] > vector["shoe"]);
        Assert.True(vector["red"] > vector["shoe"]); // repeated, but damped: 1 + ln 2, not 2
        Assert.Equal(1 + Math.Log(2), vector["red"] / vector["shoe"], 5);
    }

    [Fact]
    public void Text_is_normalized_into_unigrams_and_bigrams_without_stop_words()
    {
        var vector = Featurizer.Featurize(new ProductRecord { Id = "x", Title = "The WHITE Hanging-Heart holder", Description = "Hangs on the door" });

        Assert.Contains("white", vector.Keys);
        Assert.Contains("white|hangingheart", vector.Keys);
        Assert.Contains("door", vector.Keys);
        Assert.DoesNotContain("the", vector.Keys);
        Assert.True(vector["white"] > vector["door"]); // description words weigh half
    }

    [Fact]
    public void Batches_featurized_apart_share_one_term_space()
    {
        var first = Featurizer.Featurize([Product("a", "Ceramic tea cup", "Kitchen", "Casa")]);
        var second = Featurizer.Featurize([Product("b", "Glass tea cup", "Kitchen", "Vetro"), new ProductRecord { Id = "c" }]);

        Assert.Empty(second[1]); // nothing to say of a record with no text
        var index = new ContentIndex();
        index.Upsert("a", first[0]);
        index.Upsert("b", second[0]);
        index.Upsert("z", Featurizer.Featurize(Product("z", "Garden hose", "Garden", "Verde")));
        Assert.Equal("b", index.Neighbours("a", 5)[0].ProductId);
        Assert.Contains("tea|cup", first[0].Keys.Intersect(second[0].Keys));
    }
}
