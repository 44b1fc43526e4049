using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;

namespace AtlasApiKeys.Core.Http;

/// <summary>Adds the bearer token; on a 401 drops it, fetches one new token, and sends once more, unless the 401
/// refuses the request rather than the token (<see cref="ErrorReader.RefusesRequestNotCredentials"/>: Atlas
/// answers 401 USER_CANNOT_ACCESS_ORG to a token it knows), which comes back as it is: a service account holds at
/// most 100 live tokens, and a loop over organizations out of reach would fetch one a call.</summary>
internal sealed class BearerAuthHandler(ServiceAccountTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || await RefusesRequestAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        // The 401 gives its connection back first: the token request shares the session's connections, and
        // calls holding their 401s on every one of them would leave it none.
        response.Dispose();
        tokens.Invalidate(token);
        var renewed = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the 401's body (kept for whoever reads it next) for an errorCode that refuses the request.</summary>
    private static async Task<bool> RefusesRequestAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return false;
        }

        using var abort = ResponseBody.DisposeOnCancel(response, cancellationToken);
        var body = await ResponseBody.ReadAsync(response.Content.ReadAsStringAsync(), cancellationToken).ConfigureAwait(false);
        return ErrorReader.RefusesRequestNotCredentials(ErrorReader.FromBody(401, body, string.Empty, string.Empty).ErrorCode);
    }
}
