using Personalization.Catalog;
using Personalization.Domain;

namespace Personalization.Tests.Domain;

public sealed class ContentIndexTests
{
    private static ProductRecord Product(string id, string title, string category, string brand) =>
        new() { Id = id, Title = title, CategoryPath = ["Shop", category], Brand = brand };

    [Fact]
    public void Products_sharing_words_category_and_brand_are_nearest()
    {
        var index = new ContentIndex();
        index.Upsert(Product("boot1", "Leather hiking boot", "Boots", "Alpine"));
        index.Upsert(Product("boot2", "Waterproof hiking boot", "Boots", "Alpine"));
        index.Upsert(Product("sandal", "Beach sandal", "Sandals", "Sunny"));
        index.Upsert(Product("kettle", "Electric kettle", "Kitchen", "Hearth"));

        var neighbours = index.Neighbours("boot1", 10);

        Assert.Equal("boot2", neighbours[0].ProductId);
        Assert.DoesNotContain(neighbours, n => n.ProductId == "kettle");
        Assert.All(neighbours, n => Assert.InRange(n.Score, 0, 1));
    }

    [Fact]
    public void Re_upserting_a_product_replaces_its_terms()
    {
        var index = new ContentIndex();
        index.Upsert(Product("a", "Red running shoe", "Running", "Stride"));
        index.Upsert(Product("b", "Blue running shoe", "Running", "Stride"));
        index.Upsert(Product("b", "Ceramic vase", "Decor", "Casa"));

        Assert.Empty(index.Neighbours("a", 10));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Featurized_vectors_are_unit_length()
    {
        var vector = ContentIndex.Featurize(Product("a", "Red red running shoe", "Running", "Stride"));

        Assert.Equal(1, Math.Sqrt(vector.Values.Sum(v => (double)v * v)), 5);
        Assert.True(vector["category:running"] > vector["shoe"]);
    }
}
