using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class OperationsTests : StubTest
{
    [Fact]
    public async Task List_returns_only_this_projects_roles_and_keeps_org_roles_apart()
    {
        using var session = Stub.Digest();
        var keys = await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Equal(["demo admin", "ci deploy", "monitoring"], keys.Select(k => k.Description));
        var ci = keys.Single(k => k.Description == "ci deploy");
        Assert.Equal(["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"], ci.Roles);   // its GROUP_OWNER in staging is not here
        Assert.Equal(["ORG_MEMBER"], ci.OrgRoles);
        Assert.Equal(Stub.Production, ci.ProjectId);
        Assert.Null(ci.PrivateKey);
        Assert.All(keys, k => Assert.True(AtlasValidation.IsObjectId(k.Id)));

        var get = Stub.ApiRequests().Last();
        Assert.Equal(("GET", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys", 200), (get.Method, get.Path, get.Status));
        Assert.Contains("itemsPerPage=500", get.Query, StringComparison.Ordinal);
        Assert.Contains("includeCount=true", get.Query, StringComparison.Ordinal);
        Assert.All(Stub.ApiRequests(), r => Assert.Equal("application/vnd.atlas.2023-01-01+json", r.Accept));
        Assert.All(Stub.ApiRequests(), r => Assert.StartsWith("AtlasApiKeys/", r.UserAgent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_returns_the_private_key_once_as_a_SecureString()
    {
        using var session = Stub.Digest();
        var key = await session.ApiKeys.CreateAsync(Stub.Staging, "ci deploy 2", ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"]);

        var stored = Stub.Server.State.AllKeys().Single(k => k.Id == key.Id);
        Assert.Equal(stored.PrivateKey, key.PrivateKey!.Reveal());
        Assert.Equal(stored.PublicKey, key.PublicKey);
        Assert.Equal(["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"], key.Roles);
        Assert.Equal(["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"], stored.ProjectRoles[Stub.Staging]);
        Assert.DoesNotContain(stored.PrivateKey, key.ToString(), StringComparison.Ordinal);

        var post = Stub.ApiRequests().Last();
        Assert.Equal(("POST", 200), (post.Method, post.Status));

        var listed = await session.ApiKeys.FindAsync(Stub.Staging, key.Id);
        Assert.NotNull(listed);
        Assert.Null(listed!.PrivateKey);   // masked on every later answer
    }

    [Fact]
    public async Task Assign_existing_sends_a_role_array_and_gets_204()
    {
        using var session = Stub.Digest();
        var id = Stub.Seed.Unassigned.Id;

        await session.ApiKeys.AssignAsync(Stub.Production, id, ["GROUP_DATA_ACCESS_READ_ONLY"]);

        var post = Stub.ApiRequests().Last();
        Assert.Equal(("POST", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys/{id}", 204), (post.Method, post.Path, post.Status));
        var key = await session.ApiKeys.FindAsync(Stub.Production, id);
        Assert.Equal(["GROUP_DATA_ACCESS_READ_ONLY"], key!.Roles);
    }

    [Fact]
    public async Task Update_replaces_roles_in_this_project_only_and_can_change_the_description()
    {
        using var session = Stub.Digest();
        var ci = Stub.Server.State.AllKeys().Single(k => k.Description == "ci deploy");

        var updated = await session.ApiKeys.UpdateAsync(Stub.Production, ci.Id, ["GROUP_OWNER"], "ci deploy (owner)");

        Assert.Equal(["GROUP_OWNER"], updated.Roles);
        Assert.Equal("ci deploy (owner)", updated.Description);
        var stored = Stub.Server.State.AllKeys().Single(k => k.Id == ci.Id);
        Assert.Equal(["GROUP_OWNER"], stored.ProjectRoles[Stub.Production]);
        Assert.Equal(["GROUP_OWNER"], stored.ProjectRoles[Stub.Staging]);   // untouched
        Assert.Equal(("PATCH", 200), (Stub.ApiRequests().Last().Method, Stub.ApiRequests().Last().Status));

        var renamed = await session.ApiKeys.UpdateAsync(Stub.Production, ci.Id, null, "only the description");
        Assert.Equal(["GROUP_OWNER"], renamed.Roles);
        Assert.Equal("only the description", renamed.Description);
    }

    [Fact]
    public async Task Unassign_sends_DELETE_and_gets_204()
    {
        using var session = Stub.Digest();
        var monitoring = Stub.Server.State.AllKeys().Single(k => k.Description == "monitoring");

        await session.ApiKeys.UnassignAsync(Stub.Production, monitoring.Id);

        Assert.Equal(("DELETE", 204), (Stub.ApiRequests().Last().Method, Stub.ApiRequests().Last().Status));
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == monitoring.Id);
        Assert.Null(await session.ApiKeys.FindAsync(Stub.Production, monitoring.Id));
    }

    [Fact]
    public async Task Listing_1234_keys_is_streamed_page_by_page()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 1234);
        using var session = Stub.Digest();
        await session.ApiKeys.FindAsync(Stub.Production, Stub.Seed.Admin.Id);   // warm the digest nonce (one page)
        var before = Stub.ApiRequests().Count;

        var requestsAtFirstKey = -1;
        var count = 0;
        await foreach (var key in session.ApiKeys.ListAsync(bulk.Id, new ListOptions { ItemsPerPage = 100 }))
        {
            if (count++ == 0)
            {
                requestsAtFirstKey = Stub.ApiRequests().Count - before;
            }

            Assert.Equal(["GROUP_READ_ONLY"], key.Roles);
        }

        Assert.Equal(1234, count);
        Assert.InRange(requestsAtFirstKey, 1, 2);   // the first key came with at most one page read ahead
        var pages = Stub.ApiRequests(before);
        Assert.Equal(13, pages.Count);
        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"pageNum={n}"), pages.Select(p => p.Query.Split('&').Single(q => q.StartsWith("pageNum=", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Pages_carry_the_total_count()
    {
        using var session = Stub.Digest();
        var pages = await session.ApiKeys.ListPagesAsync(Stub.Production, new ListOptions { ItemsPerPage = 2 }).ToListAsync();

        Assert.Equal([2, 1], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(3, p.TotalCount));
        Assert.Equal([true, false], pages.Select(p => p.HasNext));
    }

    [Fact]
    public async Task Find_stops_listing_at_the_match()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 1100);
        var early = Stub.Server.State.KeysOf(bulk.Id)[3];
        using var session = Stub.Digest();

        var found = await session.ApiKeys.FindAsync(bulk.Id, early.Id.ToUpperInvariant());

        Assert.Equal(early.Id, found!.Id);
        Assert.InRange(Stub.ApiRequests().Count(r => r.Status == 200), 1, 2);   // the page with the match and at most one read ahead, not all three
    }
}
