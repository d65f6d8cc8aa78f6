namespace Personalization.Silo.Evaluation;

/// <summary>Something that ranks products for a user: the live offers API or an offline baseline.</summary>
public interface IRanker
{
    string Name { get; }

    /// <summary>The user's top <paramref name="count"/> products, best first, none from the user's history.</summary>
    Task<IReadOnlyList<string>> RankAsync(UserCase user, int count, CancellationToken cancellationToken);
}
