using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>The session a command builds from the MONGODB_ATLAS_* variables: kept while they say the same
/// thing, rebuilt (and the old one disposed) when they change, checked against the stub over the wire; and a
/// session a command borrowed, closed only when the last command using it gives it back.</summary>
public sealed class SessionStoreTests : StubTest
{
    private readonly SessionStore store = new();
    private readonly object scope = new();

    [Fact]
    public async Task The_same_variables_keep_one_session_and_its_connection()
    {
        var environment = DigestVariables();
        var first = Resolve(environment);
        await first.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        environment[EnvironmentSession.PrivateKey] = " " + Stub.Seed.Admin.PrivateKey + " ";   // the same key, padded
        var second = Resolve(environment);
        await second.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Same(first, second);
        var calls = Stub.ApiRequests().Where(r => r.Status == 200).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Connection, calls[1].Connection);
    }

    [Theory]
    [InlineData(EnvironmentSession.PublicKey)]
    [InlineData(EnvironmentSession.PrivateKey)]
    [InlineData(EnvironmentSession.ProjectId)]
    [InlineData(EnvironmentSession.OrgId)]
    [InlineData(EnvironmentSession.BaseUrl)]
    public async Task A_changed_variable_builds_a_new_session_and_disposes_the_old(string name)
    {
        var environment = DigestVariables();
        var old = Resolve(environment);
        environment[name] = name switch
        {
            EnvironmentSession.PublicKey => Stub.Seed.CiDeploy.PublicKey,
            EnvironmentSession.PrivateKey => "not-" + Stub.Seed.Admin.PrivateKey,
            EnvironmentSession.ProjectId => Stub.Staging,
            EnvironmentSession.OrgId => Stub.Seed.Production.OrgId,
            _ => Stub.Server.BaseUri.ToString().TrimEnd('/'),   // the same server, written differently
        };

        var rebuilt = Resolve(environment);

        Assert.NotSame(old, rebuilt);
        var sent = Stub.ApiRequests().Count;
        var disposed = await Assert.ThrowsAnyAsync<Exception>(async () => await old.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        Assert.IsType<ObjectDisposedException>(disposed.GetBaseException());
        Assert.Equal(sent, Stub.ApiRequests().Count);
        if (name is EnvironmentSession.PublicKey or EnvironmentSession.PrivateKey)
        {
            // The new session signs with the new pair: the stub refuses it.
            var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await rebuilt.ApiKeys.ListAsync(Stub.Production).ToListAsync());
            Assert.Contains(Stub.ApiRequests(), r => r.Status == 401 && r.Nc is not null);   // a signed request, refused
            Assert.DoesNotContain(Stub.Seed.Admin.PrivateKey, refused.ToString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(3, (await rebuilt.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_changed_default_goes_on_over_the_same_connection_without_signing_in_again(bool serviceAccount)
    {
        var environment = serviceAccount ? AccountVariables() : DigestVariables();
        environment[EnvironmentSession.ProjectId] = Stub.Production;
        var first = Resolve(environment);
        await first.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        var signedIn = Stub.Server.Log.Entries.Count;

        foreach (var (project, org) in new[] { (Stub.Staging, (string?)null), (Stub.Production, Stub.Seed.Production.OrgId) })
        {
            environment[EnvironmentSession.ProjectId] = project;   // a runbook setting it per item
            if (org is not null)
            {
                environment[EnvironmentSession.OrgId] = org;
            }

            var next = Resolve(environment);
            Assert.Equal(project, next.DefaultProjectId);
            Assert.Equal(org, next.DefaultOrgId);
            Assert.Equal(3, (await next.ApiKeys.ListAsync(project).ToListAsync()).Count);
        }

        var after = Stub.Server.Log.Entries.Skip(signedIn).ToList();
        Assert.Equal(2, after.Count);   // one exchange a call: no 401 challenge, no token request
        Assert.All(after, r => Assert.Equal(200, r.Status));
        Assert.Equal(serviceAccount ? 1 : 0, Stub.TokenRequests);
        Assert.Single(Stub.Server.Log.Entries.Select(r => r.Connection).Distinct());   // and the same connection all along
        var closed = await Assert.ThrowsAsync<AtlasApiException>(async () => await first.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);   // the session it replaced is closed, though its wire goes on
    }

    [Fact]
    public async Task A_service_account_in_place_of_a_key_pair_builds_a_session_that_asks_for_a_token()
    {
        var environment = DigestVariables();
        var digest = Resolve(environment);
        environment.Remove(EnvironmentSession.PublicKey);
        environment.Remove(EnvironmentSession.PrivateKey);
        environment[EnvironmentSession.ClientId] = Stub.Seed.ServiceAccount.ClientId;
        environment[EnvironmentSession.ClientSecret] = Stub.Seed.ServiceAccount.ClientSecret;

        var account = Resolve(environment);

        Assert.NotSame(digest, account);
        Assert.IsType<AtlasServiceAccountCredential>(account.Credential);
        Assert.Equal(3, (await account.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
        Assert.Equal(1, Stub.TokenRequests);
        Assert.Same(account, Resolve(environment));
    }

    [Fact]
    public async Task A_session_a_command_borrowed_stays_open_when_the_variables_change_and_closes_when_given_back()
    {
        var environment = DigestVariables();
        var running = Borrow(environment);   // a listing still running upstream
        environment[EnvironmentSession.ProjectId] = Stub.Staging;   // a command downstream changes a variable
        var later = Borrow(environment);

        Assert.NotSame(running, later);
        Assert.Equal(3, (await running.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);   // not closed under it
        store.Return(later);   // still the store's: stays open
        Assert.Equal(3, (await later.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);

        store.Return(running);   // the last user of the one the store let go of closes it
        var sent = Stub.ApiRequests().Count;
        var closed = await Assert.ThrowsAsync<AtlasApiException>(async () => await running.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);
        Assert.Equal(sent, Stub.ApiRequests().Count);
        Assert.Same(later, Resolve(environment));
    }

    [Fact]
    public void A_session_from_the_variables_is_known_as_such_after_they_change()
    {
        var environment = DigestVariables();
        var running = Borrow(environment);
        environment[EnvironmentSession.ProjectId] = Stub.Staging;   // a shared wire: a new session all the same
        var later = Borrow(environment);
        environment[EnvironmentSession.PublicKey] = Stub.Seed.CiDeploy.PublicKey;   // a new wire
        var other = Borrow(environment);

        Assert.All(new[] { running, later, other }, s => Assert.True(store.IsFromEnvironment(s)));   // its command's errors still name the variables
        Assert.False(store.IsFromEnvironment(Stub.Track(Stub.Digest())));   // Connect-Atlas's, or -Session's
    }

    [Fact]
    public async Task A_connected_session_a_command_borrowed_outlives_the_next_Connect_until_given_back()
    {
        var first = Stub.Track(Stub.Digest());
        store.SetConnected(scope, first);
        Assert.Same(first, store.Borrow(null, scope, _ => null, out var borrowed));
        Assert.True(borrowed);
        Assert.Same(first, store.Borrow(null, scope, _ => null, out _));   // two commands of one pipeline

        store.SetConnected(scope, Stub.Track(Stub.Digest()));   // Connect-Atlas again, downstream
        store.Return(first);
        Assert.Equal(3, (await first.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);   // one command still uses it
        store.Return(first);

        var closed = await Assert.ThrowsAsync<AtlasApiException>(async () => await first.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);
    }

    [Fact]
    public async Task Disconnect_closes_the_connected_session_at_once_though_a_command_uses_it()
    {
        var connected = Stub.Track(Stub.Digest());
        store.SetConnected(scope, connected);
        store.Borrow(null, scope, _ => null, out _);

        store.SetConnected(scope, null);   // Disconnect-Atlas, downstream

        var closed = await Assert.ThrowsAsync<AtlasApiException>(async () => await connected.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);
        store.Return(connected);   // the command ends: nothing more to do
    }

    [Fact]
    public async Task Sessions_the_store_does_not_own_are_never_closed_by_it()
    {
        var given = Stub.Track(Stub.Digest());   // -Session $s
        Assert.Same(given, store.Borrow(given, scope, _ => null, out var borrowed));
        Assert.False(borrowed);

        var handedOut = Stub.Track(Stub.Digest());   // Connect-Atlas -PassThru
        handedOut.HandedOut = true;
        store.SetConnected(scope, handedOut);
        store.Borrow(null, scope, _ => null, out _);
        store.SetConnected(scope, null);   // Disconnect-Atlas
        store.Return(handedOut);

        Assert.Equal(3, (await given.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
        Assert.Equal(3, (await handedOut.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);   // the caller's $s
    }

    [Fact]
    public void Credentials_match_only_the_same_kind_id_and_secret()
    {
        var key = new AtlasDigestCredential("abcdefgh", "secret");
        Assert.True(key.SameAs(new AtlasDigestCredential("abcdefgh", "secret")));
        Assert.False(key.SameAs(new AtlasDigestCredential("abcdefgh", "Secret")));
        Assert.False(key.SameAs(new AtlasDigestCredential("abcdefgi", "secret")));
        Assert.False(key.SameAs(new AtlasServiceAccountCredential("abcdefgh", "secret")));
        var account = new AtlasServiceAccountCredential("mdb_sa_id_1", "mdb_sa_sk_1");
        Assert.True(account.SameAs(new AtlasServiceAccountCredential("mdb_sa_id_1", "mdb_sa_sk_1")));
        Assert.False(account.SameAs(new AtlasServiceAccountCredential("mdb_sa_id_1", "mdb_sa_sk_2")));
        Assert.False(account.SameAs(new AtlasDigestCredential("mdb_sa_id_1", "mdb_sa_sk_1")));
    }

    private AtlasSession Resolve(Dictionary<string, string> environment) =>
        Stub.Track(store.Resolve(null, scope, name => environment.TryGetValue(name, out var value) ? value : null));

    private AtlasSession Borrow(Dictionary<string, string> environment)
    {
        var session = Stub.Track(store.Borrow(null, scope, name => environment.TryGetValue(name, out var value) ? value : null, out var borrowed));
        Assert.True(borrowed);
        return session;
    }

    private Dictionary<string, string> AccountVariables() => new()
    {
        [EnvironmentSession.ClientId] = Stub.Seed.ServiceAccount.ClientId,
        [EnvironmentSession.ClientSecret] = Stub.Seed.ServiceAccount.ClientSecret,
        [EnvironmentSession.BaseUrl] = Stub.Server.BaseUri.ToString(),
    };

    private Dictionary<string, string> DigestVariables() => new()
    {
        [EnvironmentSession.PublicKey] = Stub.Seed.Admin.PublicKey,
        [EnvironmentSession.PrivateKey] = Stub.Seed.Admin.PrivateKey,
        [EnvironmentSession.BaseUrl] = Stub.Server.BaseUri.ToString(),
    };
}
