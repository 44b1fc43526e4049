using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

/// <summary>The organization id: explicit, else the session's, else MONGODB_ATLAS_ORG_ID, else the project's (looked up once).</summary>
public sealed class OrgIdResolutionTests : StubTest
{
    private const string Other = "5f00000000000000000000ee";

    private string Org => Stub.Server.State.OrgId;

    private int GroupLookups => Stub.ApiRequests().Count(r => r.Path.StartsWith("/api/atlas/v2/groups/", StringComparison.Ordinal) && r.Status == 200);

    [Fact]
    public async Task An_explicit_id_wins_over_every_other_way()
    {
        using var session = Stub.Digest(o => (o.DefaultOrgId, o.DefaultProjectId) = (Other, Stub.Production));

        Assert.Equal(Org, await session.Organization.ResolveOrgIdAsync(Org.ToUpperInvariant(), "5f00000000000000000000ff", Stub.Staging));
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public async Task The_sessions_default_comes_next_then_the_environment()
    {
        using var connected = Stub.Digest(o => (o.DefaultOrgId, o.DefaultProjectId) = (Other.ToUpperInvariant(), Stub.Production));
        using var plain = Stub.Digest(o => o.DefaultProjectId = Stub.Production);

        Assert.Equal(Other, connected.DefaultOrgId);
        Assert.Equal(Other, await connected.Organization.ResolveOrgIdAsync(null, "5f00000000000000000000ff"));
        Assert.Equal("5f00000000000000000000ff", await plain.Organization.ResolveOrgIdAsync(null, " 5F00000000000000000000FF "));
        Assert.Empty(Stub.Server.Log.Entries);
        Assert.Equal("MONGODB_ATLAS_ORG_ID", Assert.Throws<ArgumentException>(() => { _ = plain.Organization.ResolveOrgIdAsync(null, "not-an-id"); }).ParamName);
    }

    [Fact]
    public async Task A_session_from_the_environment_takes_MONGODB_ATLAS_ORG_ID_as_its_default()
    {
        var variables = new Dictionary<string, string?>
        {
            [EnvironmentSession.PublicKey] = Stub.Seed.Admin.PublicKey,
            [EnvironmentSession.PrivateKey] = Stub.Seed.Admin.PrivateKey,
            [EnvironmentSession.OrgId] = $" {Org} ",
        };
        var options = EnvironmentSession.Options(name => variables.GetValueOrDefault(name))!;
        options.BaseUri = Stub.Server.BaseUri;
        using var session = Stub.Track(new AtlasSession(options));

        Assert.Equal(Org, EnvironmentSession.OrgIdFrom(name => variables.GetValueOrDefault(name)));
        Assert.Equal(Org, session.DefaultOrgId);
        Assert.Equal(Org, await session.Organization.ResolveOrgIdAsync(null));
        Assert.Null(EnvironmentSession.OrgIdFrom(_ => "  "));
    }

    [Fact]
    public async Task Else_the_projects_organization_is_looked_up_once_per_session()
    {
        using var session = Stub.Digest(o => o.DefaultProjectId = Stub.Production);

        Assert.Equal(Org, await session.Organization.ResolveOrgIdAsync(null));
        Assert.Equal(Org, await session.Organization.ResolveOrgIdAsync(null, "  "));
        Assert.Equal(Org, await session.Organization.ResolveOrgIdAsync(null, null, Stub.Staging));
        Assert.Equal(Org, await session.Organization.ResolveOrgIdAsync(null, null, Stub.Production.ToUpperInvariant()));

        var lookups = Stub.ApiRequests().Where(r => r.Status == 200).Select(r => (r.Method, r.Path));
        Assert.Equal([("GET", $"/api/atlas/v2/groups/{Stub.Production}"), ("GET", $"/api/atlas/v2/groups/{Stub.Staging}")], lookups);
        using var another = Stub.Digest(o => o.DefaultProjectId = Stub.Production);
        await another.Organization.ResolveOrgIdAsync(null);
        Assert.Equal(3, GroupLookups);   // the cache is the session's
    }

    [Fact]
    public async Task With_no_way_the_error_names_all_four()
    {
        using var session = Stub.Digest();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => session.Organization.ResolveOrgIdAsync(null, null, null));

        Assert.Equal("OrgId", ex.ParamName);
        foreach (var way in new[] { "-OrgId", "Connect-Atlas -OrgId", "MONGODB_ATLAS_ORG_ID", "-ProjectId" })
        {
            Assert.Contains(way, ex.Message, StringComparison.Ordinal);
        }

        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public void A_bad_default_org_id_is_refused_when_the_session_opens() =>
        Assert.Equal("OrgId", Assert.Throws<ArgumentException>(() => Stub.Digest(o => o.DefaultOrgId = "abc")).ParamName);
}
