using Personalization.Api.Cluster;
using Personalization.Silo.Cluster;

namespace Personalization.Silo.Commands;

/// <summary>
/// <c>migrate</c>: creates or updates the PostgreSQL schema of a cluster (Cluster:ConnectionString).
/// Idempotent; run it before the first silo starts and after every upgrade (Kubernetes: an init container).
/// </summary>
public sealed class MigrateCommand : ISiloCommand
{
    public string Name => "migrate";

    public string Summary => "create or update the PostgreSQL schema (Cluster:ConnectionString); safe to repeat";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var connectionString = configuration[$"{ClusterHostingOptions.SectionName}:{nameof(ClusterHostingOptions.ConnectionString)}"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("migrate: Cluster:ConnectionString is not set. Pass --Cluster:ConnectionString=\"Host=...;Database=...;Username=...;Password=...\" or set Cluster__ConnectionString.");
            return 2;
        }

        try
        {
            var applied = await new SchemaMigrator(connectionString).ApplyAsync(cancellationToken);
            Console.WriteLine($"migrate: schema '{PostgresSchema.Name}' is up to date ({string.Join(", ", applied)}).");
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"migrate: {exception.Message}");
            return 1;
        }
    }
}
