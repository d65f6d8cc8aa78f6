namespace Personalization.Silo.Commands;

/// <summary>
/// A verb of the product's command line (<c>dotnet run --project silo/Personalization.Silo -- VERB ...</c>).
/// Without a verb the embedded product runs.
/// </summary>
public interface ISiloCommand
{
    string Name { get; }

    /// <summary>One line for the verb list printed by <c>help</c>.</summary>
    string Summary { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
