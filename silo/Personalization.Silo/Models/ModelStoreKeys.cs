using System.Text.Json;

namespace Personalization.Silo.Models;

/// <summary>The store's file names, and the pointer's format, shared by every store.</summary>
public static class ModelStoreKeys
{
    public const string Latest = "latest.json";

    public static string Model(string version) => $"{Checked(version)}/model.zip";

    public static string Manifest(string version) => $"{Checked(version)}/manifest.json";

    public static byte[] LatestJson(string version, DateTimeOffset at) => JsonSerializer.SerializeToUtf8Bytes(new LatestModel(version, at), ModelManifest.Json);

    public static string ParseLatest(byte[] json, string source)
    {
        try
        {
            var latest = JsonSerializer.Deserialize<LatestModel>(json, ModelManifest.Json);
            return Checked(latest?.Version ?? throw new InvalidDataException($"{source} names no version."));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source} is not a model pointer: {exception.Message}", exception);
        }
    }

    /// <summary>A version is a file-name-safe token (letters, digits, '-', '_', '.'), never a path.</summary>
    public static string Checked(string version)
    {
        if (version.Length is 0 or > 100 || version.StartsWith('.') || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new InvalidDataException($"'{version}' is not a model version (letters, digits, '-', '_', '.').");
        return version;
    }
}
