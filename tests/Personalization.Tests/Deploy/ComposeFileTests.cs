using Personalization.Api.Metrics;
using YamlDotNet.RepresentationModel;

namespace Personalization.Tests.Deploy;

/// <summary>
/// deploy/docker-compose.yml checked without Docker (not available here): it parses, it holds the whole
/// local cluster, its builds point at Dockerfiles that exist, its references resolve, and every variable
/// given to our processes is one the code binds.
/// </summary>
public sealed class ComposeFileTests
{
    private const string ComposeFile = "deploy/docker-compose.yml";
    private static readonly YamlMappingNode Compose = DeployFiles.Documents(ComposeFile).Single();
    private static readonly Dictionary<string, YamlNode> Services = Compose.Entries("services").ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void It_runs_the_whole_cluster_three_silos_two_apis_a_migrate_job_and_the_servers()
    {
        Assert.Equal(3, Services.Count(s => Dockerfile(s.Value) == "deploy/docker/silo.Dockerfile" && !IsMigrate(s.Value)));
        Assert.Equal(2, Services.Count(s => Dockerfile(s.Value) == "deploy/docker/api.Dockerfile"));
        Assert.Single(Services.Values, IsMigrate);
        foreach (var image in new[] { "postgres:", "minio/minio:", "nats:", "eclipse-mosquitto:" })
        {
            Assert.Contains(Services.Values, s => s.Text("image")?.StartsWith(image, StringComparison.Ordinal) == true);
        }

        Assert.Contains("-js", Services["nats"].Items("command").Select(n => n.ToString()));
    }

    [Fact]
    public void Every_build_uses_an_existing_dockerfile_from_the_repository_root()
    {
        foreach (var (name, service) in Services.Where(s => s.Value.At("build") is not null))
        {
            var context = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(DeployFiles.PathOf(ComposeFile))!, service.Text("build", "context")!));
            Assert.Equal(DeployFiles.RepositoryRoot.TrimEnd('/'), context.TrimEnd('/'));
            Assert.True(File.Exists(Path.Combine(context, service.Text("build", "dockerfile")!)), $"{name}: {service.Text("build", "dockerfile")} is missing");
        }
    }

    [Fact]
    public void Dependencies_volumes_and_mounted_files_exist()
    {
        var volumes = Compose.Entries("volumes").Select(e => e.Key).ToHashSet();
        foreach (var (name, service) in Services)
        {
            foreach (var (dependency, condition) in service.Entries("depends_on"))
            {
                Assert.True(Services.ContainsKey(dependency), $"{name} depends on unknown service {dependency}");
                Assert.Contains(condition.Text("condition"), new[] { "service_started", "service_healthy", "service_completed_successfully" });
                if (condition.Text("condition") == "service_healthy") Assert.NotNull(Services[dependency].At("healthcheck"));
            }

            foreach (var mount in service.Items("volumes").Select(v => v.ToString().Split(':')[0]))
            {
                if (mount.StartsWith('.')) Assert.True(File.Exists(Path.Combine(DeployFiles.PathOf("deploy"), mount)), $"{name} mounts missing {mount}");
                else Assert.Contains(mount, volumes);
            }
        }
    }

    [Fact]
    public void Our_processes_get_only_settings_the_code_binds_and_the_cluster_settings_agree()
    {
        var ours = Services.Where(s => Dockerfile(s.Value) is not null).ToList();
        Assert.NotEmpty(ours);
        foreach (var (name, service) in ours)
        {
            var environment = service.Entries("environment").ToDictionary(e => e.Key, e => e.Value.ToString());
            Assert.All(environment.Keys, key => Assert.Null(ConfigurationKeys.Problem(key)));
            if (IsMigrate(service))
            {
                Assert.Contains("Cluster__ConnectionString", environment.Keys);
                continue;
            }

            Assert.Equal("postgres", environment["Cluster__Provider"]);
            Assert.Equal(3, environment.Keys.Count(k => k.StartsWith("Access__Keys__", StringComparison.Ordinal) && k.EndsWith("__Key", StringComparison.Ordinal)));
            Assert.All(environment.Where(e => e.Key.EndsWith("__Key", StringComparison.Ordinal)), e => Assert.True(e.Value.Length >= 16, $"{name}: {e.Key} is shorter than 16"));
        }

        // Every process of the cluster must name the same database, cluster and service.
        foreach (var key in new[] { "Cluster__ConnectionString", "Cluster__ClusterId", "Cluster__ServiceId" })
        {
            Assert.Single(ours.Where(s => !IsMigrate(s.Value)).Select(s => s.Value.Text("environment", key)).Distinct());
        }

        Assert.Single(ours.Select(s => s.Value.Text("environment", "Cluster__ConnectionString")).Distinct());
    }

    [Fact]
    public void Prometheus_scrapes_every_silo_and_api_on_its_metrics_listener()
    {
        var processes = Services.Where(s => Dockerfile(s.Value) is not null && !IsMigrate(s.Value)).ToList();
        var expected = processes.Select(s =>
        {
            var listener = new MetricsOptions { Url = s.Value.Text("environment", "Metrics__Url") ?? "" };
            Assert.True(listener.ListenerPort is not null, $"{s.Key} has no Metrics__Url");
            return $"{s.Key}:{listener.ListenerPort}";
        }).ToHashSet();

        var mount = Assert.Single(Services["prometheus"].Items("volumes").Select(v => v.ToString().Split(':')), m => m[1] == "/etc/prometheus/prometheus.yml");
        var config = DeployFiles.Documents(Path.Combine("deploy", mount[0])).Single();
        var targets = config.Items("scrape_configs").SelectMany(job => job.Items("static_configs")).SelectMany(c => c.Items("targets")).Select(t => t.ToString()).ToHashSet();
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, targets);
    }

    private static string? Dockerfile(YamlNode service) => service.Text("build", "dockerfile");

    private static bool IsMigrate(YamlNode service) => service.Items("command").Select(n => n.ToString()).SequenceEqual(["migrate"]);
}
