using System;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AtlasApiKeys.StubServer;

/// <summary>The service-account endpoints outside the API: <c>POST /api/oauth/token</c> (client
/// credentials) and <c>POST /api/oauth/revoke</c> (RFC 7009), both with HTTP Basic client id and secret.</summary>
internal sealed class StubOAuth(StubAuth auth)
{
    private static readonly string[] LoggedValues = ["grant_type", "token_type_hint"];

    public StubResponse Token(HttpRequest request, string body)
    {
        if (auth.CheckBasic(request.Headers.Authorization.FirstOrDefault()) is not { } account)
        {
            return InvalidClient();
        }

        if (!body.Split('&').Contains("grant_type=client_credentials"))
        {
            return OAuthError(400, "unsupported_grant_type");
        }

        return StubResponse.Ok(new JsonObject
        {
            ["access_token"] = auth.IssueToken(account.ClientId),
            ["expires_in"] = (int)auth.TokenLifetime.TotalSeconds,
            ["token_type"] = "Bearer",
        });
    }

    /// <summary>Form <c>token=…&amp;token_type_hint=access_token</c>: 200 with no body once the token is
    /// dead (also for a token that was not live, as RFC 7009 says); 400 for a form without a token or a
    /// token issued to another client; 401 for a bad client id or secret.</summary>
    public StubResponse Revoke(HttpRequest request, string body)
    {
        if (auth.CheckBasic(request.Headers.Authorization.FirstOrDefault()) is not { } account)
        {
            return InvalidClient();
        }

        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthError(400, "invalid_request", "The request must be a form (application/x-www-form-urlencoded).");
        }

        var form = QueryHelpers.ParseQuery(body);
        if (!form.TryGetValue("token", out var token) || string.IsNullOrEmpty(token))
        {
            return OAuthError(400, "invalid_request", "The form has no token.");
        }

        return auth.Revoke(token.ToString(), account.ClientId) == StubRevokeOutcome.OtherClient
            ? OAuthError(400, "unauthorized_client", "The token was not issued to this client.")
            : new StubResponse { Status = 200 };
    }

    /// <summary>A form body as the request log shows it: every field's name, and the value only of
    /// grant_type and token_type_hint when it is a plain word (never a token, whatever field it is sent in).</summary>
    public static string? FormForLog(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        return string.Join('&', QueryHelpers.ParseQuery(body).Select(f =>
            LoggedValues.Contains(f.Key) && f.Value.ToString() is { Length: <= 40 } v && v.All(c => c is (>= 'a' and <= 'z') or '_')
                ? $"{f.Key}={v}"
                : $"{f.Key}=***"));
    }

    private static StubResponse InvalidClient() => OAuthError(401, "invalid_client", "Client authentication failed.");

    private static StubResponse OAuthError(int status, string error, string? description = null)
    {
        var body = new JsonObject { ["error"] = error };
        if (description is not null)
        {
            body["error_description"] = description;
        }

        return new StubResponse { Status = status, ErrorCode = error, Body = body };
    }
}
