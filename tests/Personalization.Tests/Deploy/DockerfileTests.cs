using System.Text.RegularExpressions;

namespace Personalization.Tests.Deploy;

/// <summary>
/// The Dockerfiles checked without Docker: multi-stage, a runtime image without the SDK, a non-root user,
/// sources that exist in the repository, and an entry point that is the published project's assembly.
/// </summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string, string> Images => new()
    {
        { "deploy/docker/silo.Dockerfile", "silo/Personalization.Silo/Personalization.Silo.csproj" },
        { "deploy/docker/api.Dockerfile", "client/Personalization.Api.Host/Personalization.Api.Host.csproj" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void It_is_multi_stage_with_a_small_non_root_runtime(string dockerfile, string project)
    {
        var lines = Instructions(dockerfile);
        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.True(stages.Count >= 2, "one build stage and one runtime stage");
        Assert.Contains("/dotnet/sdk:", stages[0], StringComparison.Ordinal);
        Assert.Contains("/dotnet/aspnet:", stages[^1], StringComparison.Ordinal);
        Assert.Contains("chiseled", stages[^1], StringComparison.Ordinal);

        var runtime = lines.SkipWhile(l => l != stages[^1]).ToList();
        Assert.Contains(runtime, l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.EndsWith(" root", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal));

        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish " + project, StringComparison.Ordinal));
        var entry = Assert.Single(runtime, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.Contains($"\"{Path.GetFileNameWithoutExtension(project)}.dll\"", entry, StringComparison.Ordinal);
        // appsettings.json sets Urls, which ASPNETCORE_URLS would not override.
        Assert.Contains(runtime, l => l.Contains("Urls=http://+:8080", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Every_copied_source_exists_and_every_project_it_needs_is_restored(string dockerfile, string project)
    {
        var lines = Instructions(dockerfile);
        var copied = lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.StartsWith("COPY --from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();
        Assert.All(copied, source => Assert.True(File.Exists(DeployFiles.PathOf(source)) || Directory.Exists(DeployFiles.PathOf(source)), $"{dockerfile}: {source} does not exist"));

        // Restore runs on project files alone: each project in the reference graph must be copied before it.
        foreach (var needed in ProjectGraph(project))
        {
            Assert.Contains(needed, copied);
        }
    }

    private static List<string> Instructions(string dockerfile) =>
        [.. File.ReadAllLines(DeployFiles.PathOf(dockerfile)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    private static HashSet<string> ProjectGraph(string project)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!found.Add(current)) continue;
            var directory = Path.GetDirectoryName(current)!;
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(DeployFiles.PathOf(current))))
            {
                var path = Path.GetRelativePath(DeployFiles.RepositoryRoot, Path.GetFullPath(Path.Combine(DeployFiles.RepositoryRoot, directory, reference.Groups[1].Value.Replace('\\', '/'))));
                pending.Push(path);
            }
        }

        return found;
    }

    [GeneratedRegex("<ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();
}
