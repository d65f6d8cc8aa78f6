using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Api.Access;
using Personalization.Silo.Hosting;

namespace Personalization.Tests.Infrastructure;

/// <summary>
/// The real product host (silo, API, dashboard) on free loopback ports with the settings a test
/// chooses (storage, flush interval, lake). Unlike the shared <see cref="ApiHost"/>, each test that
/// needs its own configuration starts one and disposes it.
/// </summary>
public sealed class ProductHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProductHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ProductHost> StartAsync(IEnumerable<string> settings)
    {
        var port = FreePort.Next();
        var app = SiloApp.Create(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--Orleans:SiloPort={FreePort.Next()}",
            $"--Orleans:GatewayPort={FreePort.Next()}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        await app.StartAsync();
        return new ProductHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public HttpClient Ingest() => Client(DevelopmentKeys.Ingest);

    public HttpClient Storefront() => Client(DevelopmentKeys.Storefront);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
