using System;
using System.Net.Http;

namespace AtlasApiKeys.Core.Http;

/// <summary>What goes over the wire for a session: the API client, the token endpoint's client and the token cache (a
/// service account), and the rate gate. Sessions that differ only in their default project or organization share one
/// (<see cref="AtlasSession.WithDefaults"/>): one connection, one digest nonce, one access token. Closed when the last
/// session using it is disposed.</summary>
internal sealed class SessionWire(HttpClient api, Lazy<HttpClient>? tokenClient, ServiceAccountTokens? tokens, RateGate gate)
{
    private readonly object sync = new();
    private int sessions = 1;

    public HttpClient Api { get; } = api;

    public ServiceAccountTokens? Tokens { get; } = tokens;

    public RateGate Gate { get; } = gate;

    /// <summary>One more session uses the wire; false once it was closed.</summary>
    public bool TryShare()
    {
        lock (sync)
        {
            if (sessions == 0)
            {
                return false;
            }

            sessions++;
            return true;
        }
    }

    /// <summary>A session is done with the wire; the last one closes it.</summary>
    public void Release()
    {
        lock (sync)
        {
            if (sessions == 0 || --sessions > 0)
            {
                return;
            }
        }

        Api.Dispose();
        if (tokenClient is { IsValueCreated: true })
        {
            tokenClient.Value.Dispose();
        }

        Tokens?.Dispose();
    }
}
