using Amazon.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Personalization.Silo.Storage;
using Personalization.Silo.Storage.S3;

namespace Personalization.Silo.Lake;

public static class LakeStoreRegistration
{
    /// <summary>
    /// True when this configuration writes a lake: <c>Lake:Enabled</c> and <c>Storage:Provider</c> s3 or local
    /// (memory storage keeps nothing, so it writes no lake either).
    /// </summary>
    public static bool WritesLake(IConfiguration configuration)
    {
        var lake = configuration.GetSection(LakeOptions.SectionName).Get<LakeOptions>() ?? new LakeOptions();
        return lake.Enabled && ProviderOf(configuration) is "s3" or "local";
    }

    /// <summary>
    /// The one <see cref="ILakeStore"/> the event and feature writers share: the S3 bucket (s3) or
    /// <c>Storage:Directory</c> (local). Safe to call from both registrations.
    /// </summary>
    public static IServiceCollection TryAddLakeStore(this IServiceCollection services, IConfiguration configuration)
    {
        if (ProviderOf(configuration) == "s3")
        {
            services.TryAddSingleton<ILakeStore>(sp => new S3LakeStore(
                sp.GetRequiredService<IAmazonS3>(), sp.GetRequiredService<IOptions<S3Options>>().Value.BucketName, sp.GetRequiredService<S3Retry>()));
        }
        else
        {
            var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
            services.TryAddSingleton<ILakeStore>(new LocalDirectoryLakeStore(Path.GetFullPath(storage.Directory)));
        }

        return services;
    }

    private static string ProviderOf(IConfiguration configuration) =>
        (configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions()).Provider.ToLowerInvariant();
}
