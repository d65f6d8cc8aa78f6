namespace Personalization.Silo.Demo;

/// <summary>The demo: a synthetic catalogue and simulated shoppers; configuration section <c>Demo</c>, or <c>--demo</c>.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }
    public int Products { get; set; } = 400;
    public int Shoppers { get; set; } = 200;
    public int EventsPerSecond { get; set; } = 40;
    public int Seed { get; set; } = 7;
}
