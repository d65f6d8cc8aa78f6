using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Personalization.Api.Access;
using Personalization.Api.Ingest;
using Personalization.Api.Records;
using Personalization.Catalog;
using Personalization.Events;
using Personalization.Grains;
using Personalization.Queries;

namespace Personalization.Api.Apis;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/catalog/products", Upsert)
            .RequireAuthorization(ApiRoles.Ingest)
            .WithTags("Catalog")
            .WithSummary("Bulk upsert of catalogue (ERP) records.")
            .Accepts<JsonElement[]>("application/json", "application/x-ndjson")
            .Produces<BatchResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/v1/products/{productId}", async (string productId, IGrainFactory grains) =>
                QueryParameters.TryText("productId", productId, out var problem)
                    ? TypedResults.Ok(await grains.GetGrain<IProductGrain>(productId).GetView())
                    : problem!)
            .RequireAuthorization(ApiRoles.Storefront)
            .WithTags("Catalog")
            .WithSummary("A product's card, catalogue record and behaviour counters.")
            .AddEndpointFilter<IdempotentQueryRetry>()
            .Produces<ProductView>();

        app.MapGet("/v1/products/{productId}/similar", Similar)
            .RequireAuthorization(ApiRoles.Storefront)
            .WithTags("Similar products")
            .WithSummary("Products similar to this one: by behaviour, by content, or blended.")
            .AddEndpointFilter<IdempotentQueryRetry>()
            .Produces<SimilarProductList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> Similar(string productId, string? kind, string? limit, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        if (!QueryParameters.TryText("productId", productId, out var problem)
            || !QueryParameters.TrySimilarityKind(kind, out var similarity, out problem)
            || !QueryParameters.TryLimit(limit, options.Value.MaxLimit, out var count, out problem))
        {
            return problem!;
        }

        return TypedResults.Ok(await grains.GetGrain<IOfferGrain>(0).GetSimilar(productId, similarity, count));
    }

    private static async Task<IResult> Upsert(HttpRequest request, EventValidator validator, RecordWriter writer, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await BatchBodyReader.ReadAsync(request, options.Value, cancellationToken);
        if (body is null) return problem!;
        using var _ = body;

        var outcome = new BatchOutcome();
        var records = new List<ProductRecord>();
        for (var index = 0; index < body.Items.Count; index++)
        {
            var item = body.Items[index];
            var (record, error) = item.ParseError is null ? ProductRecordReader.Read(item.Element, validator.Limits) : (null, item.ParseError);
            if (record is null)
            {
                outcome.Reject(index, null, error!);
                continue;
            }

            records.Add(record);
            outcome.Accept(index, record.Id);
        }

        await writer.UpsertProductsAsync(records, cancellationToken);
        return outcome.ToResult("product");
    }
}
