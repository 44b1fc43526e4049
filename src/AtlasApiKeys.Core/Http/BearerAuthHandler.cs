using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>Adds the bearer token; on a 401 drops it, fetches one new token, and sends once more. When the new
/// token is refused too, the 401 is about the request (a missing organization role), not the token: later 401s
/// with that token come back as they are, without a token request each.</summary>
internal sealed class BearerAuthHandler(ServiceAccountTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || tokens.IsVouchedFor(token))
        {
            return response;
        }

        // The 401 gives its connection back first: the token request shares the session's connections, and
        // calls holding their 401s on every one of them would leave it none.
        response.Dispose();
        tokens.Invalidate(token);
        var renewed = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        var again = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (again.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            tokens.Vouch(renewed);
        }

        return again;
    }
}
