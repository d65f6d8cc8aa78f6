using Amazon.Runtime;

namespace Personalization.Silo.Storage.S3;

/// <summary>Gives the AWS SDK an HttpClient whose handler counts every request it sends.</summary>
internal sealed class CountingHttpClientFactory(S3RequestCounter counter) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new CountingHandler(counter) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } };
        return new HttpClient(handler) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };
    }

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class CountingHandler(S3RequestCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Record(request.Method);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode >= 500) counter.RecordFailure();
                return response;
            }
            catch
            {
                counter.RecordFailure();
                throw;
            }
        }
    }
}
