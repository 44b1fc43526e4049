using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;

namespace AtlasApiKeys.Core.Http;

/// <summary>The session's service-account token: fetched once for all concurrent callers, cached
/// until shortly before it expires, dropped when the server refuses it.</summary>
internal sealed class ServiceAccountTokens(AtlasServiceAccountCredential credential, Func<HttpClient> tokenClient, Uri tokenUri, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private CachedToken? current;

    public int Fetches => Volatile.Read(ref fetches);

    private int fetches;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var token = Volatile.Read(ref current);
        if (token is not null && token.ValidUntil > time.GetUtcNow())
        {
            return token.Value;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = Volatile.Read(ref current);
            if (token is not null && token.ValidUntil > time.GetUtcNow())
            {
                return token.Value;
            }

            token = await FetchAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref current, token);
            return token.Value;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="refused"/> if it is still the cached token.</summary>
    public void Invalidate(string refused)
    {
        var token = Volatile.Read(ref current);
        if (token is not null && token.Value == refused)
        {
            Interlocked.CompareExchange(ref current, null, token);
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Forgets the cached token and, if it was still live, revokes it (<c>POST /api/oauth/revoke</c>,
    /// form <c>token</c> and <c>token_type_hint=access_token</c>, HTTP Basic with the client id and secret).
    /// A failure is the result, never an exception, and never shows the token.</summary>
    public async Task<AtlasTokenRevocation> RevokeAsync(CancellationToken cancellationToken)
    {
        var token = Interlocked.Exchange(ref current, null);
        if (token is null || token.ValidUntil <= time.GetUtcNow())
        {
            return AtlasTokenRevocation.NothingToRevoke("The session holds no live access token: there is nothing to revoke.");
        }

        var revokeUri = new Uri(tokenUri, "/" + ApiPaths.OAuthRevoke);
        string Failed(string why) => $"The service account's access token could not be revoked ({why.Replace(token.Value, "***")}); it stays valid until it expires, within an hour of when it was issued.";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, revokeUri);
            RequestFlags.SetOperation(request, AtlasOperation.Write(null, "The token may have been revoked all the same."));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(credential.ClientId)}:{Uri.EscapeDataString(credential.ClientSecret)}")));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token.Value), new KeyValuePair<string, string>("token_type_hint", "access_token")]);
            using var response = await tokenClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return AtlasTokenRevocation.Done("The service account's access token was revoked.");
            }

            using var abort = ResponseBody.DisposeOnCancel(response, cancellationToken);   // a stalled body stops on cancellation on .NET Framework too
            var body = await ResponseBody.ReadAsync(response.Content.ReadAsStringAsync(), cancellationToken).ConfigureAwait(false);
            return AtlasTokenRevocation.Failure(Failed($"POST {revokeUri.AbsolutePath} answered {(int)response.StatusCode}{OAuthError(body)}"));
        }
        catch (Exception ex) when (ex is HttpRequestException or System.IO.IOException or OperationCanceledException or ObjectDisposedException or AtlasApiException or AttemptTimeoutException)
        {
            return AtlasTokenRevocation.Failure(Failed($"POST {revokeUri.AbsolutePath} failed: {ex.Message}"));
        }
    }

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref fetches);
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUri);
        RequestFlags.SetOperation(request, AtlasOperation.FetchToken);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(credential.ClientId)}:{Uri.EscapeDataString(credential.ClientSecret)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]);
        var requestedAt = time.GetUtcNow();
        using var response = await tokenClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var abort = ResponseBody.DisposeOnCancel(response, cancellationToken);   // a stalled body stops on cancellation on .NET Framework too
        var body = await ResponseBody.ReadAsync(response.Content.ReadAsStringAsync(), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ErrorReader.FromBody((int)response.StatusCode, body, "POST", tokenUri.AbsolutePath, "The service account could not get an access token");
        }

        if (!TokenAnswer.TryRead(body, out var value, out var expiresIn) || value is not { Length: > 0 })
        {
            throw new AtlasApiException(
                $"The token endpoint POST {tokenUri.AbsolutePath} answered {(int)response.StatusCode} without an access token.",
                AtlasFailureKind.MalformedResponse, "POST", tokenUri.AbsolutePath, (int)response.StatusCode, "MALFORMED_RESPONSE");
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(expiresIn ?? 3600, 1));
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(60).Ticks, lifetime.Ticks / 10));
        return new CachedToken(value, requestedAt + lifetime - margin);
    }

    /// <summary>The OAuth error code of an answer (<c>error</c>: a word such as invalid_client), or nothing.</summary>
    private static string OAuthError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && error.GetString() is { Length: > 0 and <= 64 } code && code.All(c => c is (>= 'a' and <= 'z') or '_')
                ? $" {code}"
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private sealed class CachedToken(string value, DateTimeOffset validUntil)
    {
        public string Value { get; } = value;

        public DateTimeOffset ValidUntil { get; } = validUntil;

        public override string ToString() => "access token (hidden)";
    }
}
