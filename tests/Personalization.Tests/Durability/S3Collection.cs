using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Durability;

/// <summary>Tests against one s3rver; they run one after another (the outage test stops the server).</summary>
[CollectionDefinition(Name)]
public sealed class S3Collection : ICollectionFixture<S3Server>
{
    public const string Name = "s3";
}
