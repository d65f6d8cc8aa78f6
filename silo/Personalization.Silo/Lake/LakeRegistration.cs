using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Personalization.Api.Ingest;
using Personalization.Silo.Streams;
using Personalization.Silo.Streams.Log;

namespace Personalization.Silo.Lake;

public static class LakeRegistration
{
    /// <summary>
    /// Adds the Parquet lake: on a durable log, fed by the partitions' readers (<see cref="LakeLogSink"/>);
    /// with in-process streams, behind the registered <see cref="IEventPublisher"/> (call after the API is
    /// added). The store follows <c>Storage:Provider</c> (s3: the bucket; local: a directory; memory: no lake).
    /// </summary>
    public static WebApplicationBuilder AddEventLake(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!LakeStoreRegistration.WritesLake(configuration)) return builder;

        var services = builder.Services;
        services.AddOptions<LakeOptions>().Bind(configuration.GetSection(LakeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LakeOptions>, LakeOptionsValidator>();
        services.TryAddLakeStore(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LakeWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<LakeWriter>());

        // On a durable log the partitions' readers feed the lake: it then holds what every producer wrote,
        // and commits wait for it. Tapping the publisher as well would write HTTP events twice.
        var streaming = configuration.GetSection(StreamingOptions.SectionName).Get<StreamingOptions>() ?? new StreamingOptions();
        if (streaming.UsesLog)
        {
            services.AddSingleton<ILogEventSink, LakeLogSink>();
            return builder;
        }

        var publisher = services.LastOrDefault(d => d.ServiceType == typeof(IEventPublisher))
            ?? throw new InvalidOperationException("AddEventLake needs an IEventPublisher: call it after AddPersonalizationApi.");
        services.Remove(publisher);
        services.AddSingleton<IEventPublisher>(sp => new LakeTappingPublisher(
            (IEventPublisher)(publisher.ImplementationInstance
                ?? publisher.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, publisher.ImplementationType!)),
            sp.GetRequiredService<LakeWriter>()));
        return builder;
    }

    private sealed class LakeOptionsValidator : IValidateOptions<LakeOptions>
    {
        public ValidateOptionsResult Validate(string? name, LakeOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
