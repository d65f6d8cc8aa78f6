using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Personalization.Api.Access;
using Personalization.Silo.Hosting;

namespace Personalization.Tests.Infrastructure;

/// <summary>
/// The real product host (silo, API, dashboard) on free loopback ports, with in-memory storage.
/// Shared by the HTTP tests through <see cref="ApiCollection"/>; tests use unique ids to stay apart.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _app = SiloApp.Create(
        [
            $"--urls=http://127.0.0.1:{port}",
            "--Storage:Provider=memory",
            $"--Orleans:SiloPort={FreePort.Next()}",
            $"--Orleans:GatewayPort={FreePort.Next()}",
            "--Logging:LogLevel:Default=Warning",
            "--Api:MaxBodyBytes=65536",
            "--Api:MaxBatchSize=50",
        ]);
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public HttpClient Storefront() => Client(DevelopmentKeys.Storefront);

    public HttpClient Ingest() => Client(DevelopmentKeys.Ingest);

    public HttpClient Admin() => Client(DevelopmentKeys.Admin);

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}
