using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AtlasApiKeys.StubServer;

/// <summary>The answers that are not the API's own: injected faults, the token endpoint, 401 challenges.</summary>
public sealed partial class AtlasStubServer
{
    private static async Task<StubResponse?> BeforeActionAsync(HttpContext context, Fault fault)
    {
        StubResponse response;
        switch (fault.Kind)
        {
            case FaultKind.TooManyRequests:
                response = StubResponse.Error(429, "RATE_LIMITED", "You have made too many requests. Please try again later.");
                break;
            case FaultKind.InternalServerError:
                response = StubResponse.Error(500, "UNEXPECTED_ERROR", "Unexpected error.");
                break;
            case FaultKind.ServiceUnavailable:
                response = StubResponse.Error(503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable.");
                break;
            case FaultKind.BadGateway:
            case FaultKind.HtmlBody:
                response = new StubResponse { Status = fault.Kind == FaultKind.BadGateway ? 502 : fault.Status, Body = null, ErrorCode = "HTML" };
                response.Headers["X-Stub-Html"] = ["<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the upstream server.</p></body></html>"];
                break;
            case FaultKind.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
                return null;
            default:
                return null; // DropBeforeAction
        }

        if (fault.RetryAfter is { } wait)
        {
            response.Headers["Retry-After"] = [((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        return response;
    }

    private StubResponse Token(HttpRequest request, string body)
    {
        var account = Auth.CheckBasic(request.Headers.Authorization.FirstOrDefault());
        if (account is null)
        {
            return new StubResponse { Status = 401, ErrorCode = "invalid_client", Body = new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Client authentication failed." } };
        }

        if (!body.Split('&').Contains("grant_type=client_credentials"))
        {
            return new StubResponse { Status = 400, ErrorCode = "unsupported_grant_type", Body = new JsonObject { ["error"] = "unsupported_grant_type" } };
        }

        return StubResponse.Ok(new JsonObject
        {
            ["access_token"] = Auth.IssueToken(),
            ["expires_in"] = (int)Auth.TokenLifetime.TotalSeconds,
            ["token_type"] = "Bearer",
        });
    }

    private StubResponse Unauthorized(bool stale)
    {
        var response = StubResponse.Error(401, "USER_UNAUTHORIZED", "Current user is not authorized to perform this action.");
        response.Headers["WWW-Authenticate"] = Auth.Challenges(stale).ToArray();
        return response;
    }
}
