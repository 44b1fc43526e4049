using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Core;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>The session a command builds from the MONGODB_ATLAS_* variables: kept while they say the same
/// thing, rebuilt (and the old one disposed) when they change, checked against the stub over the wire.</summary>
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

    private Dictionary<string, string> DigestVariables() => new()
    {
        [EnvironmentSession.PublicKey] = Stub.Seed.Admin.PublicKey,
        [EnvironmentSession.PrivateKey] = Stub.Seed.Admin.PrivateKey,
        [EnvironmentSession.BaseUrl] = Stub.Server.BaseUri.ToString(),
    };
}
