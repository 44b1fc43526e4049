using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>Revoking a service account's token: POST /api/oauth/revoke, form token and hint, HTTP Basic;
/// a failure is a result, never an exception, and never shows the token.</summary>
public sealed class TokenRevokeTests : StubTest
{
    [Fact]
    public async Task The_live_token_is_revoked_and_the_server_refuses_it_afterwards()
    {
        var bearers = new ConcurrentQueue<string>();
        using var session = Stub.ServiceAccount(o => o.PrimaryHandler = () => new BearerRecorder(bearers));
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        var token = bearers.Single();

        var result = await session.RevokeTokenAsync();

        Assert.True(result.Revoked);
        Assert.False(result.Failed);
        var revoke = Stub.Server.Log.Entries.Single(r => r.Path == "/api/oauth/revoke");
        Assert.Equal(("POST", 200, "basic", Stub.Seed.ServiceAccount.ClientId), (revoke.Method, revoke.Status, revoke.Auth, revoke.Principal));
        Assert.Equal("token=***&token_type_hint=access_token", revoke.Form);
        Assert.Equal(1, Stub.Server.Auth.TokensRevoked);

        using var raw = new HttpClient { BaseAddress = Stub.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/atlas/v2/groups/{Stub.Production}/apiKeys");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var refused = await raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.False((await session.RevokeTokenAsync()).Revoked);   // nothing left to revoke: nothing sent
        Assert.Single(Stub.Server.Log.Entries, r => r.Path == "/api/oauth/revoke");
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // a later call fetches a new token
        Assert.Equal(2, Stub.TokenRequests);
    }

    [Fact]
    public async Task A_digest_session_or_a_session_without_a_token_sends_nothing()
    {
        using var digest = Stub.Digest();
        using var unused = Stub.ServiceAccount();

        var none = await digest.RevokeTokenAsync();
        var notFetched = await unused.RevokeTokenAsync();

        Assert.False(none.Revoked || none.Failed || notFetched.Revoked || notFetched.Failed);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public async Task A_failed_revoke_is_a_result_that_does_not_show_the_token()
    {
        var bearers = new ConcurrentQueue<string>();
        using var session = Stub.ServiceAccount(o => o.PrimaryHandler = () => new BearerRecorder(bearers));
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.InternalServerError, Count = 20, PathContains = "/api/oauth/revoke" });

        var result = await session.RevokeTokenAsync();

        Assert.True(result.Failed);
        Assert.False(result.Revoked);
        Assert.Contains("could not be revoked", result.Message, StringComparison.Ordinal);
        Assert.Contains("500", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bearers.Single(), result.Message + result, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Seed.ServiceAccount.ClientSecret, result.Message, StringComparison.Ordinal);
        Assert.Equal(0, Stub.Server.Auth.TokensRevoked);
    }

    [Fact]
    public async Task A_revoke_whose_connection_breaks_is_a_result_too()
    {
        using var session = Stub.ServiceAccount();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.DropBeforeAction, Count = 20, PathContains = "/api/oauth/revoke" });

        var result = await session.RevokeTokenAsync();

        Assert.True(result.Failed);
        Assert.Contains("/api/oauth/revoke", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, Stub.Server.Auth.TokensRevoked);
    }

    /// <summary>The socket handler, noting each bearer token the API was sent.</summary>
    private sealed class BearerRecorder(ConcurrentQueue<string> bearers) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token } && !bearers.Contains(token))
            {
                bearers.Enqueue(token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
