namespace Personalization.Tests.Deploy;

/// <summary>The variable checker of the deployment tests tells bound settings from misspelt ones.</summary>
public sealed class ConfigurationKeysTests
{
    [Theory]
    [InlineData("Streaming__Nats__Url")]
    [InlineData("Cluster__ConnectionString")]
    [InlineData("Cluster__AdvertisedAddress")]
    [InlineData("Cluster__Membership__ProbeTimeout")]
    [InlineData("Access__Keys__2__Role")]
    [InlineData("ClusterClient__ResponseTimeout")]
    [InlineData("S3__ForcePathStyle")]
    [InlineData("Metrics__Url")]
    [InlineData("POD_IP")]
    public void Bound_settings_pass(string variable) => Assert.Null(ConfigurationKeys.Problem(variable));

    [Theory]
    [InlineData("Streaming__Nats__Uri")]
    [InlineData("Cluster__Conection")]
    [InlineData("Access__Keys__first__Key")]
    [InlineData("Storage__S3__Bucket")]
    [InlineData("Clustr__Provider")]
    public void Misspelt_settings_are_named(string variable) => Assert.Contains(variable, ConfigurationKeys.Problem(variable));
}
