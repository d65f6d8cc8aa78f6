using System.Collections;
using System.Reflection;
using Orleans.Configuration;

namespace Personalization.Tests.Deploy;

/// <summary>
/// Whether an environment variable of a deployment file reaches a setting the code binds. Options classes
/// are found by their <c>SectionName</c> constant in the product's assemblies; a variable such as
/// <c>Streaming__Nats__Url</c> must walk their public properties (list indexes and dictionary keys included).
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>Variables read by the platform rather than bound options, with who reads them.</summary>
    private static readonly Dictionary<string, string> PlatformVariables = new(StringComparer.Ordinal)
    {
        ["Urls"] = "ASP.NET Core (listening addresses)",
        ["POD_NAME"] = "Microsoft.Orleans.Hosting.Kubernetes",
        ["POD_NAMESPACE"] = "Microsoft.Orleans.Hosting.Kubernetes",
        ["POD_IP"] = "Microsoft.Orleans.Hosting.Kubernetes",
        ["ORLEANS_SERVICE_ID"] = "Microsoft.Orleans.Hosting.Kubernetes",
        ["ORLEANS_CLUSTER_ID"] = "Microsoft.Orleans.Hosting.Kubernetes",
    };

    private static readonly Lazy<ILookup<string, Type>> Sections = new(FindSections);

    /// <summary>Null when the variable is bound; otherwise why not.</summary>
    public static string? Problem(string variable)
    {
        if (PlatformVariables.ContainsKey(variable) || variable.StartsWith("DOTNET_", StringComparison.Ordinal) ||
            variable.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || variable.StartsWith("Logging__", StringComparison.Ordinal))
        {
            return null;
        }

        var path = variable.Split("__");
        // The longest section name that prefixes the path (Cluster:Membership before Cluster).
        for (var length = path.Length - 1; length >= 1; length--)
        {
            var section = string.Join(':', path[..length]);
            var types = Sections.Value[section].ToList();
            if (types.Count == 0) continue;
            return types.Any(t => Resolves(t, path[length..])) ? null : $"{variable}: no property {string.Join('.', path[length..])} on {string.Join(" or ", types.Select(t => t.Name))} (section {section})";
        }

        return $"{variable}: no options class binds section '{path[0]}'";
    }

    private static bool Resolves(Type type, ReadOnlySpan<string> path)
    {
        if (path.IsEmpty) return true;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return Resolves(type.GetGenericArguments()[1], path[1..]);
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            return int.TryParse(path[0], out _) && Resolves(type.GetGenericArguments()[0], path[1..]);
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && (property.CanWrite || path.Length > 1) && Resolves(property.PropertyType, path[1..]);
    }

    private static ILookup<string, Type> FindSections()
    {
        var assemblies = new[]
        {
            typeof(Silo.Hosting.SiloApp).Assembly, typeof(Api.ApiOptions).Assembly, typeof(global::Personalization.Domain.RankingOptions).Assembly,
            typeof(global::Personalization.Events.EventLimits).Assembly, ApiHostAssembly(),
        };
        var sections = assemblies.SelectMany(LoadableTypes)
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && !x.Type.IsAbstract)
            .Select(x => (Section: (string)x.Field!.GetRawConstantValue()!, x.Type))
            .ToList();
        // Silo-only cluster settings share the Cluster section; Cluster:Membership overrides Orleans' own options.
        sections.Add(("Cluster", typeof(Silo.Cluster.SiloClusterOptions)));
        sections.Add((Silo.Cluster.MembershipTimings.SectionName, typeof(ClusterMembershipOptions)));
        return sections.ToLookup(s => s.Section, s => s.Type, StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }

    /// <summary>The standalone API is built next to the tests but not referenced (it is an executable); load it to read its options.</summary>
    private static Assembly ApiHostAssembly() =>
        Assembly.LoadFrom(Infrastructure.ProductProcess.Dll("client/Personalization.Api.Host", "Personalization.Api.Host"));
}
