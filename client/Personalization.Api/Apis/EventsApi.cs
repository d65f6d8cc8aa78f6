using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Personalization.Api.Access;
using Personalization.Api.Ingest;
using Personalization.Api.Problems;
using Personalization.Events;

namespace Personalization.Api.Apis;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/events", Ingest)
            .RequireAuthorization(ApiRoles.Ingest)
            .WithTags("Events")
            .WithSummary("Track a batch of events (JSON array, single object, or NDJSON).")
            .Accepts<JsonElement[]>("application/json", "application/x-ndjson")
            .Produces<BatchResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// Validates every event on its own, publishes the good ones, and reports each outcome. A retry of
    /// the same batch is safe: grains drop events whose messageId they already applied.
    /// </summary>
    private static async Task<IResult> Ingest(
        HttpRequest request, EventValidator validator, IEventPublisher publisher, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await BatchBodyReader.ReadAsync(request, options.Value, cancellationToken);
        if (body is null) return problem!;
        using var _ = body;

        var outcome = new BatchOutcome();
        var accepted = new List<ShopperEvent>(body.Items.Count);
        for (var index = 0; index < body.Items.Count; index++)
        {
            var item = body.Items[index];
            if (item.ParseError is { } parseError)
            {
                outcome.Reject(index, null, parseError);
                continue;
            }

            var validation = validator.Validate(item.Element);
            if (validation.Event is { } evt)
            {
                accepted.Add(evt);
                outcome.Accept(index, evt.MessageId);
            }
            else
            {
                outcome.Reject(index, validation.MessageId, validation.Rejection!);
            }
        }

        if (accepted.Count > 0) await publisher.PublishAsync(accepted, cancellationToken);
        return outcome.ToResult("event");
    }
}
