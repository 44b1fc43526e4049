using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>Holds a session's digest state: the cached challenge outlives handler instances.</summary>
internal sealed class DigestState(AtlasDigestCredential credential)
{
    private DigestNonceState? current;

    public DigestNonceState? Current => Volatile.Read(ref current);

    public DigestNonceState Adopt(DigestChallenge challenge)
    {
        var state = new DigestNonceState(challenge, credential.PublicKey, credential.PrivateKey);
        Volatile.Write(ref current, state);
        return state;
    }
}

/// <summary>RFC 7616 digest auth that reuses the server's nonce with an increasing nc, so a warm
/// session costs one exchange per call; it re-challenges only when the server answers 401.</summary>
internal sealed class DigestAuthHandler(DigestState state) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var used = state.Current;
        if (used is not null)
        {
            Sign(request, used);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = BestChallenge(response);
        if (challenge is null)
        {
            return response;
        }

        // Signed with this very nonce, not stale: the credentials themselves are wrong. One answer, no storm.
        if (used is not null && !challenge.Stale && challenge.Nonce == used.Challenge.Nonce)
        {
            return response;
        }

        if (used is not null && !challenge.Stale && !RequestFlags.IsWireGuarded(request))
        {
            // Without the wire guard the platform may have sent this request twice on its own: a
            // refused (replayed) nonce count is then the only sign that a first copy reached the server.
            RequestFlags.MarkMayHaveReached(request);
        }

        var fresh = state.Adopt(challenge);
        await DrainAsync(response, cancellationToken).ConfigureAwait(false);
        Sign(request, fresh);
        response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && BestChallenge(response) is { } next)
        {
            // Keep the newest nonce for later calls, but answer this one: the key pair was refused.
            state.Adopt(next);
        }

        return response;
    }

    /// <summary>Reads the challenge's small body to its end before the signed request goes out, so
    /// the connection is back in the pool for it (a new session's first call then costs one
    /// connection, not two).</summary>
    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        using (ResponseBody.DisposeOnCancel(response, cancellationToken))
        {
            try
            {
                using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                await body.CopyToAsync(System.IO.Stream.Null, 4096, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Exception ex) when (cancellationToken.IsCancellationRequested && ex is not System.OperationCanceledException)
            {
                throw new System.OperationCanceledException("The challenge was not read in time.", ex, cancellationToken);   // disposed under the read
            }
        }
    }

    internal static DigestChallenge? BestChallenge(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate
            .Where(h => string.Equals(h.Scheme, "Digest", System.StringComparison.OrdinalIgnoreCase))
            .Select(h => DigestChallenge.TryParse(h.Parameter, out _))
            .Where(c => c is not null)
            .OrderByDescending(c => DigestAlgorithms.Strength(c!.Algorithm))
            .FirstOrDefault();

    private static void Sign(HttpRequestMessage request, DigestNonceState nonceState)
    {
        var uri = request.RequestUri!.PathAndQuery;
        request.Headers.Authorization = new AuthenticationHeaderValue("Digest", nonceState.Sign(request.Method.Method, uri));
    }
}
