using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Personalization.Tests.Http;

internal static class HttpJson
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, JsonNode body) =>
        client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
