using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalization.Api.Access;
using Personalization.Api.Apis;
using Personalization.Api.Ingest;
using Personalization.Api.Problems;
using Personalization.Events;

namespace Personalization.Api;

public static class ApiExtensions
{
    /// <summary>Registers the HTTP API: options, API-key access, validation, publishing, OpenAPI.</summary>
    public static IHostApplicationBuilder AddPersonalizationApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.SectionName))
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxBatchSize > 0 && o.MaxLimit > 0, "Api limits must be positive.").ValidateOnStart();
        services.AddOptions<AccessOptions>().Bind(builder.Configuration.GetSection(AccessOptions.SectionName))
            .Validate(o => o.Keys.All(k => k.Key.Length >= 16 && ApiRoles.All.Contains(k.Role)),
                "Every Access:Keys entry needs a Key of at least 16 characters and a Role of storefront, ingest or admin.")
            .ValidateOnStart();
        services.AddOptions<EventLimits>().Bind(builder.Configuration.GetSection(EventLimits.SectionName));

        services.TryAddTimeProvider();
        services.AddSingleton(sp => new EventValidator(sp.GetRequiredService<IOptions<EventLimits>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IEventPublisher, StreamEventPublisher>();
        services.AddSingleton<RecordWriter>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.Storefront, p => p.RequireRole(ApiRoles.Storefront, ApiRoles.Admin))
            .AddPolicy(ApiRoles.Ingest, p => p.RequireRole(ApiRoles.Ingest, ApiRoles.Admin))
            .AddPolicy(ApiRoles.Admin, p => p.RequireRole(ApiRoles.Admin));

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi();
        services.AddHealthChecks();
        return builder;
    }

    /// <summary>Maps every endpoint group, the OpenAPI document and the health check.</summary>
    public static WebApplication MapPersonalizationApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            var (code, title) = response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => (ProblemTypes.Unauthorized, "An API key is required."),
                StatusCodes.Status403Forbidden => (ProblemTypes.Forbidden, "The API key's role may not use this endpoint."),
                StatusCodes.Status404NotFound => (ProblemTypes.NotFound, "No such endpoint."),
                _ => (ProblemTypes.Internal, "The request failed."),
            };
            var detail = response.StatusCode == StatusCodes.Status401Unauthorized
                ? "Send the key as 'X-Api-Key: KEY' or 'Authorization: Bearer KEY'. Roles: storefront (queries), ingest (events, upserts), admin (all)."
                : $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}";
            await Problem.Of(response.StatusCode, code, title, detail).ExecuteAsync(context.HttpContext);
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapEventsApi();
        app.MapOffersApi();
        app.MapProductsApi();
        app.MapCustomersApi();
        app.MapAdminApi();
        app.MapStreamsApi();
        return app;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
