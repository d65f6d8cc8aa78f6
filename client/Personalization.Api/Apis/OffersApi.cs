using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Personalization.Api.Access;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Api.Apis;

public static class OffersApi
{
    public static IEndpointRouteBuilder MapOffersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/customers/{customerId}/offers", (string customerId, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options) =>
                Offers(customerId, request.Query["sessionId"], request, grains, options.Value))
            .RequireAuthorization(ApiRoles.Storefront)
            .WithTags("Offers")
            .WithSummary("Ranked offers for a known customer, optionally within a session.")
            .AddEndpointFilter<IdempotentQueryRetry>()
            .Produces<OfferList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/v1/sessions/{sessionId}/offers", (string sessionId, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options) =>
                Offers(null, sessionId, request, grains, options.Value))
            .RequireAuthorization(ApiRoles.Storefront)
            .WithTags("Offers")
            .WithSummary("Ranked offers for an anonymous session.")
            .AddEndpointFilter<IdempotentQueryRetry>()
            .Produces<OfferList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> Offers(string? customerId, string? sessionId, HttpRequest request, IGrainFactory grains, ApiOptions options)
    {
        var query = request.Query;
        string? category = query["category"], storeId = query["storeId"];
        if (!QueryParameters.TryText("customerId", customerId, out var problem)
            || !QueryParameters.TryText("sessionId", sessionId, out problem)
            || !QueryParameters.TryText("category", category, out problem)
            || !QueryParameters.TryText("storeId", storeId, out problem)
            || !QueryParameters.TryLimit(query["limit"], options.MaxLimit, out var limit, out problem)
            || !QueryParameters.TryPrice(query["maxPrice"], out var maxPrice, out problem)
            || !QueryParameters.TryExclude(query["exclude"], out var excludeSeen, out problem))
        {
            return problem!;
        }

        var offerRequest = new OfferRequest
        {
            CustomerId = customerId,
            SessionId = sessionId,
            Limit = limit,
            Category = category,
            MaxPrice = maxPrice,
            StoreId = storeId,
            ExcludeSeen = excludeSeen,
        };
        return TypedResults.Ok(await grains.GetGrain<IOfferGrain>(0).GetOffers(offerRequest));
    }
}
