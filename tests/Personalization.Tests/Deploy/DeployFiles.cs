using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Personalization.Tests.Deploy;

/// <summary>Reads the files under deploy/ (YAML with anchors and merge keys resolved) for the deployment checks.</summary>
public static class DeployFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(RepositoryRoot, relative);

    /// <summary>Every document of a YAML file, parsed; merge keys (<c>&lt;&lt;: *anchor</c>) are applied as compose does.</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(PathOf(relative)));
        stream.Load(new MergingParser(new Parser(reader)));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    /// <summary>The node at a path of mapping keys, or null when any step is missing.</summary>
    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node)) return null;
        }

        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node, params string[] path) =>
        node.At(path) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlNode? node, params string[] path) =>
        node.At(path) is YamlMappingNode map ? map.Children.Select(p => (((YamlScalarNode)p.Key).Value!, p.Value)) : [];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Personalization.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No Personalization.sln above {AppContext.BaseDirectory}.");
    }
}
