using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Personalization.Api.Access;
using Personalization.Api.Ingest;
using Personalization.Api.Records;
using Personalization.Customers;
using Personalization.Events;
using Personalization.Grains;

namespace Personalization.Api.Apis;

public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/customers", Upsert)
            .RequireAuthorization(ApiRoles.Ingest)
            .WithTags("Customers")
            .WithSummary("Bulk upsert of customer (CRM) records.")
            .Accepts<JsonElement[]>("application/json", "application/x-ndjson")
            .Produces<BatchResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // Personal data: admin only.
        app.MapGet("/v1/customers/{customerId}", async (string customerId, IGrainFactory grains) =>
                QueryParameters.TryText("customerId", customerId, out var problem)
                    ? TypedResults.Ok(await grains.GetGrain<ICustomerGrain>(customerId).GetView())
                    : problem!)
            .RequireAuthorization(ApiRoles.Admin)
            .WithTags("Customers")
            .WithSummary("A customer's profile, affinities and behaviour counters.")
            .Produces<CustomerView>();
        return app;
    }

    private static async Task<IResult> Upsert(HttpRequest request, EventValidator validator, RecordWriter writer, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await BatchBodyReader.ReadAsync(request, options.Value, cancellationToken);
        if (body is null) return problem!;
        using var _ = body;

        var outcome = new BatchOutcome();
        var profiles = new List<CustomerProfile>();
        for (var index = 0; index < body.Items.Count; index++)
        {
            var item = body.Items[index];
            var (profile, error) = item.ParseError is null ? CustomerProfileReader.Read(item.Element, validator.Limits) : (null, item.ParseError);
            if (profile is null)
            {
                outcome.Reject(index, null, error!);
                continue;
            }

            profiles.Add(profile);
            outcome.Accept(index, profile.Id);
        }

        await writer.UpsertCustomersAsync(profiles, cancellationToken);
        return outcome.ToResult("customer");
    }
}
