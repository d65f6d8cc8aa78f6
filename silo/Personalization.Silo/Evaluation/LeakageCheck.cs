using Personalization.Events;

namespace Personalization.Silo.Evaluation;

/// <summary>
/// The guard of the model row: before training on the lake the live run wrote, every lake event is
/// checked against the held-back targets. A user's target found in that user's events would mean the
/// protocol leaked; the run stops instead of reporting a number that is not what it claims.
/// </summary>
public static class LeakageCheck
{
    /// <summary>The (user, target) pairs that occur in the events; empty when nothing leaked.</summary>
    public static List<(string User, string Product)> Leaks(IEnumerable<ShopperEvent> events, IReadOnlyList<UserCase> users)
    {
        var targets = users.ToDictionary(u => u.UserId, u => u.Targets, StringComparer.Ordinal);
        var leaks = new List<(string, string)>();
        foreach (var evt in events)
        {
            if (evt.UserId is not { } user || !targets.TryGetValue(user, out var held)) continue;
            foreach (var line in evt.ProductLines())
            {
                if (held.Contains(line.ProductId)) leaks.Add((user, line.ProductId));
            }
        }

        return leaks;
    }

    public static void Verify(IEnumerable<ShopperEvent> events, IReadOnlyList<UserCase> users, TextWriter log)
    {
        var leaks = Leaks(events, users);
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException(
                $"{leaks.Count} held-back targets reached the lake (first: user {leaks[0].User}, product {leaks[0].Product}); the evaluation would not be leave-one-out.");
        }

        log.WriteLine($"  leakage check: no held-back target of the {users.Count:N0} scored users is in the lake");
    }
}
