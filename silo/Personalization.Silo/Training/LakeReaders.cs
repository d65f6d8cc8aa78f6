using Personalization.Silo.Lake;
using Personalization.Silo.Storage;
using Personalization.Silo.Storage.S3;

namespace Personalization.Silo.Training;

/// <summary>The lake the silos write, found from the same settings they use (Storage, Lake, S3).</summary>
public static class LakeReaders
{
    public static ILakeReader Create(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var lake = configuration.GetSection(LakeOptions.SectionName).Get<LakeOptions>() ?? new LakeOptions();
        switch (storage.Provider.ToLowerInvariant())
        {
            case "local":
                return new LocalLakeReader(storage.Directory, lake.Prefix);
            case "s3":
                var s3 = configuration.GetSection(S3Options.SectionName).Get<S3Options>() ?? new S3Options();
                return new S3LakeReader(S3ClientFactory.Create(s3, new S3RequestCounter()), s3.BucketName, lake.Prefix);
            default:
                throw new InvalidOperationException(
                    $"Storage:Provider '{storage.Provider}' keeps no lake. Use --Storage:Provider=local (with --Storage:Directory) or s3 (with the S3 settings) to read the lake the silos wrote.");
        }
    }
}
