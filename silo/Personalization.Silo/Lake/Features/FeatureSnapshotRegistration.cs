using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Personalization.Features;

namespace Personalization.Silo.Lake.Features;

public static class FeatureSnapshotRegistration
{
    /// <summary>
    /// The sink customer and product grains hand their feature rows to after a flush: the lake's
    /// <see cref="FeatureSnapshotWriter"/> when the silo writes a lake and <c>Lake:FeatureSnapshots:Enabled</c>,
    /// otherwise <see cref="NoFeatureSnapshots"/> (memory storage, lake disabled).
    /// </summary>
    public static ISiloBuilder AddFeatureSnapshots(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        var section = configuration.GetSection(FeatureSnapshotOptions.SectionName);
        var options = section.Get<FeatureSnapshotOptions>() ?? new FeatureSnapshotOptions();
        if (!options.Enabled || !LakeStoreRegistration.WritesLake(configuration))
        {
            services.TryAddSingleton<IFeatureSnapshotSink, NoFeatureSnapshots>();
            return silo;
        }

        services.AddOptions<LakeOptions>().Bind(configuration.GetSection(LakeOptions.SectionName));
        services.AddOptions<FeatureSnapshotOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeatureSnapshotOptions>, FeatureSnapshotOptionsValidator>();
        services.TryAddLakeStore(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FeatureSnapshotWriter>();
        services.AddSingleton<IFeatureSnapshotSink>(sp => sp.GetRequiredService<FeatureSnapshotWriter>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<FeatureSnapshotWriter>());
        return silo;
    }

    private sealed class FeatureSnapshotOptionsValidator : IValidateOptions<FeatureSnapshotOptions>
    {
        public ValidateOptionsResult Validate(string? name, FeatureSnapshotOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
