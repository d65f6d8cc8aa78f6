namespace Personalization.Tests.Evaluation;

/// <summary>
/// A test on a public dataset in ../shared/datasets (never committed into the project): skipped, with
/// the reason, on a machine that does not have it.
/// </summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string relativePath)
    {
        if (!File.Exists(Path.Combine(SharedDatasets.Root, relativePath)))
            Skip = $"NOT EXERCISED, cannot run here: the public dataset {relativePath} is not in {SharedDatasets.Root}; it is never committed into the project and nothing may download it.";
    }
}

public static class SharedDatasets
{
    /// <summary>The shared datasets folder beside the project's root (found from the test binary upwards).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Personalization.sln"))) return Path.Combine(dir.FullName, "..", "shared", "datasets");
        }

        return Path.Combine("..", "shared", "datasets");
    }
}
