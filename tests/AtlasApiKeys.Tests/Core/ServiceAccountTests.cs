using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Http;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class ServiceAccountTests : StubTest
{
    [Fact]
    public async Task Fifty_calls_cost_one_token()
    {
        using var session = Stub.ServiceAccount();
        for (var i = 0; i < 25; i++)
        {
            await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Task.Run(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync())));

        Assert.Equal(1, Stub.TokenRequests);
        Assert.Equal(1, session.TokenFetches);
        var api = Stub.ApiRequests();
        Assert.Equal(50, api.Count);
        Assert.All(api, r => Assert.Equal(("bearer", 200), (r.Auth, r.Status)));
    }

    [Fact]
    public async Task A_401_that_refuses_the_request_not_the_token_costs_no_new_token()
    {
        var other = Stub.Server.State.AddOrganization("other");
        using var session = Stub.ServiceAccount();

        for (var i = 0; i < 5; i++)
        {
            var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.Organization.ListApiKeysAsync(other.Id).ToListAsync());
            Assert.Equal((401, "USER_CANNOT_ACCESS_ORG"), (ex.StatusCode, ex.ErrorCode));
        }

        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // the token itself is good

        Assert.Equal(1, session.TokenFetches);   // a 401 USER_CANNOT_ACCESS_ORG refuses the request, not the token
        Assert.Equal(1, Stub.TokenRequests);
        Assert.Equal(6, Stub.ApiRequests().Count);   // each sent once
    }

    [Fact]
    public async Task The_token_request_and_the_first_call_share_one_connection()
    {
        // Against Atlas each connection is a TCP and a TLS handshake: a runbook's first call pays for one.
        using var session = Stub.ServiceAccount();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        var log = Stub.Server.Log.Entries;
        var token = Assert.Single(log, r => r.Path == "/api/oauth/token");
        var call = Assert.Single(log, r => r.Path.EndsWith("/apiKeys", StringComparison.Ordinal));
        Assert.Equal(("bearer", 200), (call.Auth, call.Status));
        Assert.NotNull(token.Connection);
        Assert.Equal(token.Connection, call.Connection);
    }

    [Fact]
    public async Task A_token_refused_on_every_connection_at_once_is_still_renewed()
    {
        // The token request shares the session's connections (at most PrimaryHandler.MaxConnectionsPerServer): each
        // 401 must give its connection back before the new token is asked for, or calls holding their 401s on every
        // connection leave the token request none, and all of them wait until their attempts time out (no retry
        // here: such a call fails instead of succeeding late).
        using var session = Stub.ServiceAccount(o =>
        {
            o.Retry.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Retry.MaxRetries = 0;
        });
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Auth.RevokeTokens();
        var before = Stub.Server.Log.Count;

        var lists = await Task.WhenAll(Enumerable.Range(0, PrimaryHandler.MaxConnectionsPerServer).Select(_ => Task.Run(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync())));

        Assert.All(lists, keys => Assert.Equal(3, keys.Count));
        Assert.Equal(2, Stub.TokenRequests);
        Assert.Contains(Stub.Server.Log.Since(before), r => r.Status == 401);
    }

    [Fact]
    public async Task Concurrent_first_calls_fetch_the_token_once()
    {
        using var session = Stub.ServiceAccount();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync())));
        Assert.Equal(1, Stub.TokenRequests);
    }

    [Fact]
    public async Task The_token_is_fetched_again_shortly_before_it_expires()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        Stub.Server.Auth.TokenLifetime = TimeSpan.FromMinutes(10);
        using var session = Stub.ServiceAccount(o => o.TimeProvider = time);
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        time.Now += TimeSpan.FromMinutes(8);   // still inside the lifetime less the margin (60 s)
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Assert.Equal(1, Stub.TokenRequests);

        time.Now += TimeSpan.FromMinutes(1.5);   // 9.5 minutes: inside the last minute
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Assert.Equal(2, Stub.TokenRequests);
    }

    [Fact]
    public async Task A_refused_token_is_fetched_again_once()
    {
        using var session = Stub.ServiceAccount();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Auth.RevokeTokens();
        var before = Stub.Server.Log.Count;

        var keys = await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Equal(3, keys.Count);
        Assert.Equal(["/api/atlas", "/api/oauth", "/api/atlas"], Stub.Server.Log.Since(before).Select(r => r.Path[..10]));
        Assert.Equal([401, 200, 200], Stub.Server.Log.Since(before).Select(r => r.Status));
        Assert.Equal(2, Stub.TokenRequests);
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_the_token_endpoints_error_and_never_shows_the_secret()
    {
        const string secret = "mdb_sa_sk_wrong-secret-value-123";
        using var session = Stub.ServiceAccount(secret: secret);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        Assert.Equal((401, "invalid_client"), (ex.StatusCode, ex.ErrorCode));
        Assert.Equal("/api/oauth/token", ex.Path);
        Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, session.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, session.Credential.ToString(), StringComparison.Ordinal);
        Assert.Empty(Stub.ApiRequests());
    }
}
