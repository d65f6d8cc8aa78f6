using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Personalization.Api.Problems;
using Personalization.Events;

namespace Personalization.Api.Ingest;

/// <summary>
/// Reads a batch request body: a JSON array, a single JSON object, or NDJSON (one object per line).
/// The size limit is enforced while reading, so an oversized body is never buffered whole. In NDJSON
/// a line that is not JSON rejects only that item; a JSON array that is not JSON rejects the request.
/// </summary>
public static class BatchBodyReader
{
    public static async Task<(BatchBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, ApiOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxBodyBytes) return (null, TooLarge(options));

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(options.MaxBodyBytes + 1, 64 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, options.MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken);
                if (read == 0) break;
                length += read;
                if (length > options.MaxBodyBytes) return (null, TooLarge(options));
            }

            // JsonDocument keeps referring to the memory it parsed, so it gets its own copy, not the pooled buffer.
            return Parse(buffer.AsSpan(0, length).ToArray(), IsNdjson(request.ContentType), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (BatchBody?, IResult?) Parse(ReadOnlyMemory<byte> body, bool ndjson, ApiOptions options)
    {
        var documents = new List<JsonDocument>();
        var items = new List<BatchBody.Item>();
        var text = body.Span.TrimStart("\uFEFF"u8).Trim(" \t\r\n"u8);
        if (text.IsEmpty) return (null, EmptyBatch());

        if (!ndjson)
        {
            try
            {
                var document = JsonDocument.Parse(body);
                documents.Add(document);
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    items.AddRange(document.RootElement.EnumerateArray().Select(e => new BatchBody.Item(e, null)));
                }
                else
                {
                    items.Add(new BatchBody.Item(document.RootElement, null));
                }
            }
            catch (JsonException exception) when (text[0] != (byte)'{')
            {
                return (null, NotJson(exception));
            }
            catch (JsonException)
            {
                ndjson = true;
            }
        }

        if (ndjson)
        {
            foreach (var document in documents) document.Dispose();
            documents.Clear();
            ReadLines(body, items, documents);
        }

        if (items.Count == 0) return (null, EmptyBatch());
        if (items.Count > options.MaxBatchSize)
        {
            foreach (var document in documents) document.Dispose();
            return (null, Problem.Of(StatusCodes.Status400BadRequest, ProblemTypes.BatchTooLarge, "The batch has too many items.",
                $"The batch has {items.Count} items; the limit is {options.MaxBatchSize}. Split it into smaller batches."));
        }

        return (new BatchBody(items, documents), null);
    }

    private static void ReadLines(ReadOnlyMemory<byte> body, List<BatchBody.Item> items, List<JsonDocument> documents)
    {
        var lineNumber = 0;
        var rest = body;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            lineNumber++;
            if (line.Span.Trim(" \t\r"u8).IsEmpty) continue;
            try
            {
                var document = JsonDocument.Parse(line);
                documents.Add(document);
                items.Add(new BatchBody.Item(document.RootElement, null));
            }
            catch (JsonException exception)
            {
                items.Add(new BatchBody.Item(default, new EventRejection(ProblemTypes.NotJson, null, $"Line {lineNumber} is not JSON: {exception.Message}")));
            }
        }
    }

    private static bool IsNdjson(string? contentType) =>
        contentType is not null && (contentType.Contains("ndjson", StringComparison.OrdinalIgnoreCase) || contentType.Contains("jsonl", StringComparison.OrdinalIgnoreCase));

    private static IResult TooLarge(ApiOptions options) =>
        Problem.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge, "The request body is too large.",
            $"The body exceeds {options.MaxBodyBytes} bytes. Split it into smaller batches.");

    private static IResult EmptyBatch() =>
        Problem.Of(StatusCodes.Status400BadRequest, ProblemTypes.EmptyBatch, "The batch is empty.", "Send a JSON array, a JSON object or NDJSON lines.");

    private static IResult NotJson(JsonException exception) =>
        Problem.Of(StatusCodes.Status400BadRequest, ProblemTypes.NotJson, "The body is not valid JSON.",
            $"{exception.Message} Send a JSON array of events, or NDJSON with Content-Type application/x-ndjson.");
}
