using Amazon.S3;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Personalization.Persistence;

namespace Personalization.Silo.Storage.S3;

/// <summary>Registers the S3 client, its request counter and retry policy, and S3 grain storage for snapshots and records.</summary>
public static class S3StorageRegistration
{
    public static IServiceCollection AddS3Storage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<S3Options>().Bind(configuration.GetSection(S3Options.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<S3Options>, S3OptionsValidator>();
        services.AddSingleton<S3RequestCounter>();
        services.AddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<S3Options>>().Value, sp.GetRequiredService<S3RequestCounter>()));
        services.AddSingleton(sp => new S3Retry(sp.GetRequiredService<IOptions<S3Options>>().Value, sp.GetRequiredService<ILogger<S3Retry>>()));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Snapshots, (sp, _) => Create(sp, o => o.SnapshotPrefix));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Records, (sp, _) => Create(sp, o => o.RecordPrefix));
        return services;
    }

    private static S3GrainStorage Create(IServiceProvider services, Func<S3Options, string> prefix)
    {
        var options = services.GetRequiredService<IOptions<S3Options>>().Value;
        return new S3GrainStorage(
            services.GetRequiredService<IAmazonS3>(), options.BucketName, prefix(options).Trim('/'),
            services.GetRequiredService<SnapshotFormat>(), services.GetRequiredService<S3Retry>());
    }

    /// <summary>Names every problem of the S3 section at start-up, not just "invalid".</summary>
    private sealed class S3OptionsValidator : IValidateOptions<S3Options>
    {
        public ValidateOptionsResult Validate(string? name, S3Options options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
