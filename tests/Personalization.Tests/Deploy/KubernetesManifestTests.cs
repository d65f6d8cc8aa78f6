using Personalization.Api.Metrics;
using YamlDotNet.RepresentationModel;

namespace Personalization.Tests.Deploy;

/// <summary>
/// deploy/k8s checked without a Kubernetes cluster: every object has the fields the API server requires,
/// selectors and references resolve, containers have resources and probes, the silos carry what
/// Microsoft.Orleans.Hosting.Kubernetes needs, and every variable is one the code binds.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly List<YamlMappingNode> Objects =
        [.. Directory.GetFiles(DeployFiles.PathOf("deploy/k8s"), "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => DeployFiles.Documents(Path.GetRelativePath(DeployFiles.RepositoryRoot, f)))];

    private static IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind);

    private static YamlMappingNode Named(string kind, string name) =>
        Assert.Single(OfKind(kind), o => o.Text("metadata", "name") == name);

    [Fact]
    public void Every_object_has_api_version_kind_name_and_namespace()
    {
        Assert.NotEmpty(Objects);
        foreach (var o in Objects)
        {
            Assert.False(string.IsNullOrEmpty(o.Text("apiVersion")), o.ToString());
            Assert.False(string.IsNullOrEmpty(o.Text("kind")), o.ToString());
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", o.Text("metadata", "name"));
            if (o.Text("kind") != "Namespace") Assert.Equal("personalization", o.Text("metadata", "namespace"));
        }

        var kinds = Objects.Select(o => o.Text("kind")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Namespace", "ConfigMap", "Secret", "Job", "ServiceAccount", "Role", "RoleBinding", "Deployment", "Service", "PodDisruptionBudget" }, kinds);
    }

    [Fact]
    public void Workloads_select_their_pods_and_containers_have_images_resources_and_probes()
    {
        foreach (var workload in OfKind("Deployment"))
        {
            var labels = Labels(workload.At("spec", "template", "metadata", "labels"));
            Assert.NotEmpty(Labels(workload.At("spec", "selector", "matchLabels")));
            Assert.All(Labels(workload.At("spec", "selector", "matchLabels")), l => Assert.Contains(l, labels));
            foreach (var container in workload.Items("spec", "template", "spec", "containers"))
            {
                Assert.False(string.IsNullOrEmpty(container.Text("image")));
                Assert.NotNull(container.Text("resources", "requests", "cpu"));
                Assert.NotNull(container.Text("resources", "requests", "memory"));
                Assert.NotNull(container.Text("resources", "limits", "memory"));
                var ports = container.Items("ports").Select(p => p.Text("name")).ToHashSet();
                foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
                {
                    // /health is what MapPersonalizationApi maps, in the silo and in the standalone API.
                    Assert.Equal("/health", container.Text(probe, "httpGet", "path"));
                    Assert.Contains(container.Text(probe, "httpGet", "port"), ports);
                }
            }

            Assert.Equal("true", workload.Text("spec", "template", "spec", "securityContext", "runAsNonRoot"));
        }
    }

    [Fact]
    public void Services_and_disruption_budgets_select_existing_pods()
    {
        var podLabels = OfKind("Deployment").Select(d => Labels(d.At("spec", "template", "metadata", "labels"))).ToList();
        foreach (var service in OfKind("Service"))
        {
            var selector = Labels(service.At("spec", "selector"));
            Assert.Contains(podLabels, labels => selector.All(labels.Contains));
        }

        Assert.Equal(2, OfKind("PodDisruptionBudget").Count());
        foreach (var budget in OfKind("PodDisruptionBudget"))
        {
            var selector = Labels(budget.At("spec", "selector", "matchLabels"));
            Assert.Contains(podLabels, labels => selector.All(labels.Contains));
            Assert.True(budget.At("spec", "maxUnavailable") is not null ^ budget.At("spec", "minAvailable") is not null);
        }
    }

    [Fact]
    public void Silos_carry_what_orleans_kubernetes_hosting_needs()
    {
        var silo = Named("Deployment", "personalization-silo");
        var labels = Labels(silo.At("spec", "template", "metadata", "labels")).ToDictionary(l => l.Key, l => l.Value);
        Assert.True(labels.ContainsKey("orleans/serviceId") && labels.ContainsKey("orleans/clusterId"));
        var container = Assert.Single(silo.Items("spec", "template", "spec", "containers"));
        var env = container.Items("env").ToDictionary(e => e.Text("name")!, e => e);
        Assert.Equal("true", env["Cluster__Kubernetes"].Text("value"));
        foreach (var (name, field) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP") })
        {
            Assert.Equal(field, env[name].Text("valueFrom", "fieldRef", "fieldPath"));
        }

        Assert.Equal("metadata.labels['orleans/serviceId']", env["ORLEANS_SERVICE_ID"].Text("valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.labels['orleans/clusterId']", env["ORLEANS_CLUSTER_ID"].Text("valueFrom", "fieldRef", "fieldPath"));

        // The cluster id Orleans reads from the labels must be the one the configuration gives the API.
        var config = Named("ConfigMap", "personalization-config");
        Assert.Equal(config.Text("data", "Cluster__ClusterId"), labels["orleans/clusterId"]);
        Assert.Equal(config.Text("data", "Cluster__ServiceId"), labels["orleans/serviceId"]);

        // Its service account may read pods and delete those of dead silos.
        var account = silo.Text("spec", "template", "spec", "serviceAccountName");
        Named("ServiceAccount", account!);
        var binding = Assert.Single(OfKind("RoleBinding"), b => b.Items("subjects").Any(s => s.Text("name") == account));
        var verbs = Named("Role", binding.Text("roleRef", "name")!).Items("rules").SelectMany(r => r.Items("verbs")).Select(v => v.ToString()).ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, verbs);
    }

    [Fact]
    public void Referenced_config_and_secrets_exist_and_every_variable_is_bound_by_the_code()
    {
        var variables = new List<string>();
        foreach (var pod in OfKind("Deployment").Concat(OfKind("Job")).Select(w => w.At("spec", "template", "spec")))
        {
            foreach (var container in pod.Items("containers"))
            {
                foreach (var source in container.Items("envFrom"))
                {
                    var map = source.Text("configMapRef", "name") is { } configMap ? Named("ConfigMap", configMap) : Named("Secret", source.Text("secretRef", "name")!);
                    variables.AddRange(map.Entries(map.Text("kind") == "Secret" ? "stringData" : "data").Select(e => e.Key));
                }

                foreach (var variable in container.Items("env"))
                {
                    variables.Add(variable.Text("name")!);
                    if (variable.Text("valueFrom", "secretKeyRef", "name") is { } secret)
                    {
                        Assert.Contains(variable.Text("valueFrom", "secretKeyRef", "key"), Named("Secret", secret).Entries("stringData").Select(e => e.Key));
                    }
                }
            }
        }

        Assert.Contains("Cluster__ConnectionString", variables);
        Assert.All(variables.Distinct(), v => Assert.Null(ConfigurationKeys.Problem(v)));
    }

    [Fact]
    public void Pods_are_scraped_on_the_metrics_listener_which_no_service_exposes()
    {
        var listener = new MetricsOptions { Url = Named("ConfigMap", "personalization-config").Text("data", "Metrics__Url")! };
        Assert.Empty(listener.Problems());
        var servicePorts = OfKind("Service").SelectMany(s => s.Items("spec", "ports")).Select(p => p.Text("targetPort")).ToList();
        Assert.Equal(2, OfKind("Deployment").Count());
        foreach (var workload in OfKind("Deployment"))
        {
            var annotations = workload.At("spec", "template", "metadata", "annotations");
            Assert.Equal("true", annotations.Text("prometheus.io/scrape"));
            Assert.Equal(new MetricsOptions().Path, annotations.Text("prometheus.io/path"));
            Assert.Equal(listener.ListenerPort.ToString(), annotations.Text("prometheus.io/port"));

            var container = Assert.Single(workload.Items("spec", "template", "spec", "containers"));
            Assert.Contains(container.Items("envFrom"), e => e.Text("configMapRef", "name") == "personalization-config");
            var metrics = Assert.Single(container.Items("ports"), p => p.Text("containerPort") == annotations.Text("prometheus.io/port"));
            // The listener answers nothing but /metrics: probes there would fail, and a Service would publish it.
            Assert.All(new[] { "startupProbe", "readinessProbe", "livenessProbe" }, probe => Assert.NotEqual(metrics.Text("name"), container.Text(probe, "httpGet", "port")));
            Assert.DoesNotContain(metrics.Text("name"), servicePorts);
            Assert.DoesNotContain(metrics.Text("containerPort"), servicePorts);
        }
    }

    [Fact]
    public void The_migrate_job_runs_the_silo_image_with_the_migrate_verb()
    {
        var job = Assert.Single(OfKind("Job"));
        var container = Assert.Single(job.Items("spec", "template", "spec", "containers"));
        Assert.Equal(["migrate"], container.Items("args").Select(a => a.ToString()));
        var silo = Assert.Single(Named("Deployment", "personalization-silo").Items("spec", "template", "spec", "containers"));
        Assert.Equal(silo.Text("image"), container.Text("image"));
    }

    private static List<KeyValuePair<string, string>> Labels(YamlNode? node) =>
        [.. node.Entries().Select(e => KeyValuePair.Create(e.Key, e.Value.ToString()))];
}
