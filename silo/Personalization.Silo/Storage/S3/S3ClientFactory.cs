using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Personalization.Silo.Storage.S3;

/// <summary>Builds the one S3 client of a silo from <see cref="S3Options"/>.</summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(S3Options options, S3RequestCounter counter)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            Timeout = options.RequestTimeout,
            // Our own S3Retry does the retrying with backoff, so every attempt is visible and bounded.
            MaxErrorRetry = 0,
            // Flexible checksums only where S3 demands them: S3-compatible servers (s3rver, older MinIO)
            // reject or ignore the newer checksum headers and trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            HttpClientFactory = new CountingHttpClientFactory(counter),
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return string.IsNullOrWhiteSpace(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
