using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Silo.Storage;
using Personalization.Silo.Storage.S3;

namespace Personalization.Silo.Models;

/// <summary>Chooses the model store from configuration, for the silos and for the <c>train</c> command alike.</summary>
public static class ModelStores
{
    /// <summary>The store kind in force: <c>Model:Store</c>, else what <c>Storage:Provider</c> implies (memory: none).</summary>
    public static string KindOf(IConfiguration configuration)
    {
        var options = configuration.GetSection(ModelOptions.SectionName).Get<ModelOptions>() ?? new ModelOptions();
        if (!string.IsNullOrWhiteSpace(options.Store)) return options.Store.ToLowerInvariant();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        return storage.Provider.ToLowerInvariant() switch
        {
            "s3" => "s3",
            "local" => "local",
            _ => "none",
        };
    }

    /// <summary>The configured store, or null when models are off (<c>none</c>).</summary>
    public static IModelStore? Create(IConfiguration configuration, IAmazonS3? s3 = null, S3Retry? retry = null)
    {
        var options = configuration.GetSection(ModelOptions.SectionName).Get<ModelOptions>() ?? new ModelOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        switch (KindOf(configuration))
        {
            case "local":
                var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
                return new LocalModelStore(options.Directory ?? Path.Combine(storage.Directory, "models"));
            case "s3":
                var s3Options = configuration.GetSection(S3Options.SectionName).Get<S3Options>() ?? new S3Options();
                return new S3ModelStore(
                    s3 ?? S3ClientFactory.Create(s3Options, new S3RequestCounter()),
                    s3Options.BucketName,
                    options.Prefix,
                    retry ?? new S3Retry(s3Options, NullLogger<S3Retry>.Instance));
            default:
                return null;
        }
    }
}
