using Personalization.Catalog;

namespace Personalization.Silo.Demo;

/// <summary>A deterministic synthetic catalogue: departments, categories, brands and readable titles.</summary>
public static class DemoCatalog
{
    public static readonly (string Department, string[] Categories, string[] Brands)[] Departments =
    [
        ("Beauty", ["Skin Care", "Makeup", "Fragrance"], ["Lumiere", "Verde", "Aurora"]),
        ("Home", ["Kitchen", "Decor", "Bedding"], ["Hearth", "Nordhaus", "Casa"]),
        ("Sports", ["Running", "Yoga", "Cycling"], ["Stride", "Zenflow", "Velo"]),
        ("Electronics", ["Audio", "Phones", "Cameras"], ["Sonic", "Pixel", "Optik"]),
    ];

    private static readonly Dictionary<string, string[]> Nouns = new()
    {
        ["Skin Care"] = ["Moisturizer", "Serum", "Cleanser", "Night Cream", "Sunscreen"],
        ["Makeup"] = ["Lipstick", "Mascara", "Foundation", "Eyeliner", "Blush"],
        ["Fragrance"] = ["Eau de Parfum", "Body Mist", "Cologne", "Perfume Oil"],
        ["Kitchen"] = ["Chef Knife", "Frying Pan", "Espresso Maker", "Cutting Board", "Kettle"],
        ["Decor"] = ["Vase", "Table Lamp", "Wall Mirror", "Candle Set", "Throw Pillow"],
        ["Bedding"] = ["Duvet Cover", "Pillowcase Set", "Weighted Blanket", "Mattress Topper"],
        ["Running"] = ["Running Shoes", "Running Jacket", "Hydration Vest", "Running Socks"],
        ["Yoga"] = ["Yoga Mat", "Yoga Block", "Yoga Leggings", "Meditation Cushion"],
        ["Cycling"] = ["Bike Helmet", "Cycling Gloves", "Bike Light", "Cycling Jersey"],
        ["Audio"] = ["Wireless Earbuds", "Headphones", "Bluetooth Speaker", "Soundbar"],
        ["Phones"] = ["Phone Case", "Charger", "Screen Protector", "Power Bank"],
        ["Cameras"] = ["Action Camera", "Tripod", "Camera Bag", "Lens Kit"],
    };

    private static readonly string[] Adjectives = ["Classic", "Premium", "Everyday", "Pro", "Organic", "Compact", "Deluxe", "Eco", "Ultra", "Soft"];

    public static List<ProductRecord> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var products = new List<ProductRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var (department, categories, brands) = Departments[i % Departments.Length];
            var category = categories[(i / Departments.Length) % categories.Length];
            var brand = brands[random.Next(brands.Length)];
            var noun = Nouns[category][random.Next(Nouns[category].Length)];
            var adjective = Adjectives[random.Next(Adjectives.Length)];
            products.Add(new ProductRecord
            {
                Id = $"demo-p{i + 1}",
                Title = $"{brand} {adjective} {noun}",
                Description = $"A {adjective.ToLowerInvariant()} {noun.ToLowerInvariant()} from {brand}, for {category.ToLowerInvariant()} lovers.",
                CategoryPath = [department, category],
                Brand = brand,
                Price = Math.Round((decimal)(5 + random.NextDouble() * 195), 2),
                Currency = "EUR",
                Stock = random.Next(10) == 0 ? 0 : random.Next(1, 500),
                Active = true,
            });
        }

        return products;
    }
}
