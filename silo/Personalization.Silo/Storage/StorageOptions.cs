namespace Personalization.Silo.Storage;

/// <summary>Where grain state goes; configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// <c>local</c> (files under <see cref="Directory"/>, the embedded default), <c>s3</c> (an S3 or
    /// S3-compatible bucket, section <c>S3</c>; docs/durability.md) or <c>memory</c> (tests; lost on exit).
    /// </summary>
    public string Provider { get; set; } = "local";

    /// <summary>Root directory of local storage; relative paths are relative to the working directory.</summary>
    public string Directory { get; set; } = "data";
}
