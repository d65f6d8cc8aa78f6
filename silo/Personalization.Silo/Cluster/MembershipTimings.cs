using Orleans.Configuration;

namespace Personalization.Silo.Cluster;

/// <summary>
/// How fast the cluster declares a silo dead, tuned for a small cluster on one network. A silo probes
/// others every <see cref="ProbeTimeout"/>; after <see cref="MissedProbes"/> misses it suspects the silo and
/// votes; <see cref="Votes"/> votes declare it dead, its grains are dropped from the directory and
/// reactivate elsewhere on the next call. A killed process refuses connections at once, so detection is
/// about ProbeTimeout x MissedProbes (~6 s here; Orleans' defaults: 5 s x 3 and a slower table refresh).
/// Override any Orleans <see cref="ClusterMembershipOptions"/> property under <c>Cluster:Membership</c>.
/// </summary>
public static class MembershipTimings
{
    public const string SectionName = "Cluster:Membership";

    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public const int MissedProbes = 3;
    public const int Votes = 2;

    /// <summary>How often a silo re-reads the table: the fallback when gossip misses a change.</summary>
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(10);

    /// <summary>Heartbeat written to the table; what operators and the defunct-row cleanup read.</summary>
    public static readonly TimeSpan IAmAlivePublish = TimeSpan.FromSeconds(10);

    /// <summary>A suspicion vote counts for this long; a few probe rounds is enough.</summary>
    public static readonly TimeSpan DeathVoteExpiration = TimeSpan.FromSeconds(30);

    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = MissedProbes;
        options.NumVotesForDeathDeclaration = Votes;
        options.TableRefreshTimeout = TableRefresh;
        options.IAmAliveTablePublishTimeout = IAmAlivePublish;
        options.DeathVoteExpirationTimeout = DeathVoteExpiration;
    }
}
