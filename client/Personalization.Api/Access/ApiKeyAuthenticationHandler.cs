using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Personalization.Api.Access;

/// <summary>
/// Authenticates a request by its API key, sent as <c>X-Api-Key: KEY</c>, <c>Authorization: Bearer KEY</c>,
/// or, for browsers opening the dashboard, HTTP Basic with the key as password.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<AccessOptions> access,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());

        var options = access.CurrentValue;
        var match = options.EffectiveKeys.FirstOrDefault(k => FixedTimeEquals(k.Key, presented));
        if (match is null) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));

        if (options.UsesDevelopmentKeys && !IsLoopback(Context.Connection.LocalIpAddress))
        {
            return Task.FromResult(AuthenticateResult.Fail(
                "Development keys are accepted on loopback connections only. Configure Access:Keys to serve other addresses."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Name), new Claim(ClaimTypes.Role, match.Role)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // Lets a browser opening the dashboard ask for the admin key (as the Basic password).
        Response.Headers.WWWAuthenticate = "Basic realm=\"Personalization\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && !string.IsNullOrEmpty(header)) return header.ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':');
                return colon < 0 ? decoded : decoded[(colon + 1)..];
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));

    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
