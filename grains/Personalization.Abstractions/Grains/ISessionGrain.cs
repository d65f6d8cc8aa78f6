namespace Personalization.Grains;

/// <summary>One shopping session: short-term context, and the source of co-occurrence signals.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.AlwaysInterleave]
    Task<SessionSnapshot> GetSnapshot();
}
