using Amazon.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Personalization.Silo.Storage.S3;

namespace Personalization.Silo.Models;

public static class ModelRegistration
{
    /// <summary>
    /// Adds the model store and the watcher that hot-swaps published offer models into this silo.
    /// With no store (<c>Model:Store</c> none, or memory storage) the heuristic ranks every query.
    /// </summary>
    public static WebApplicationBuilder AddOfferModels(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (ModelStores.KindOf(configuration) == "none") return builder;

        var services = builder.Services;
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.SectionName))
            .Validate(o => !o.Problems().Any(), "The Model section is invalid: see docs/configuration.md.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ModelStores.Create(configuration, sp.GetService<IAmazonS3>(), sp.GetService<S3Retry>())!);
        services.AddSingleton<ModelWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelWatcher>());
        return builder;
    }
}
