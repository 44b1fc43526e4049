using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AtlasApiKeys.StubServer;

/// <summary>The answers that are not the API's own: injected faults, 401 challenges, and 403 from the access-list check.</summary>
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
            case FaultKind.Forbidden:
                response = StubResponse.Error(403, "USER_UNAUTHORIZED", "Current user is not authorized to perform this action.");
                break;
            case FaultKind.ResourceRequiresAccessList:
                response = StubResponse.Error(403, "RESOURCE_REQUIRES_ACCESS_LIST", "This resource requires access through an access list of ip ranges.");
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

    /// <summary>Atlas's 403 for a key the access list stops, with the caller's address as the parameter.</summary>
    private static StubResponse? Forbidden(StubAccessVerdict verdict, StubCaller caller)
    {
        var address = caller.Address.ToString();
        return verdict switch
        {
            StubAccessVerdict.OrgRequiresAccessList => StubResponse.Error(403, "ORG_REQUIRES_ACCESS_LIST", "This organization requires access through an access list of ip ranges.", address),
            StubAccessVerdict.NotOnAccessList => StubResponse.Error(403, "IP_ADDRESS_NOT_ON_ACCESS_LIST", $"IP address {address} is not allowed to access this resource.", address),
            _ => null,
        };
    }

    private StubResponse Unauthorized(bool stale)
    {
        var response = StubResponse.Error(401, "USER_UNAUTHORIZED", "Current user is not authorized to perform this action.");
        response.Headers["WWW-Authenticate"] = Auth.Challenges(stale).ToArray();
        return response;
    }
}
