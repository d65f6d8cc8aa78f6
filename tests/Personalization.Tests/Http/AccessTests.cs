using System.Net;
using Personalization.Tests.Infrastructure;

namespace Personalization.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class AccessTests(ApiHost host)
{
    [Fact]
    public async Task Without_a_key_the_api_answers_401_with_a_problem_and_a_browser_prompt()
    {
        var response = await host.Client(null).GetAsync("/v1/customers/c1/offers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("urn:personalization:problem:unauthorized", (await response.Json()).Str("type"));
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_wrong_key_is_refused()
    {
        var response = await host.Client("not-a-key").GetAsync("/v1/customers/c1/offers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_storefront_key_cannot_ingest_and_an_ingest_key_cannot_query()
    {
        var ingestWithStorefront = await host.Storefront().PostRaw("/v1/events", "[]");
        var queryWithIngest = await host.Ingest().GetAsync("/v1/customers/c1/offers");

        Assert.Equal(HttpStatusCode.Forbidden, ingestWithStorefront.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, queryWithIngest.StatusCode);
        Assert.Equal("urn:personalization:problem:forbidden", (await queryWithIngest.Json()).Str("type"));
    }

    [Fact]
    public async Task The_admin_key_may_do_everything_including_the_dashboard()
    {
        var admin = host.Admin();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/customers/c1/offers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/customers/c1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/admin/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(null).GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Customer_details_are_personal_data_for_admins_only()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Storefront().GetAsync("/v1/customers/c1")).StatusCode);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_need_no_key()
    {
        var openApi = await host.Client(null).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, (await host.Client(null).GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.True((await openApi.Json()).GetProperty("paths").TryGetProperty("/v1/customers/{customerId}/offers", out _));
    }
}
