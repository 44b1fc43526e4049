using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>getGroup, listGroups and getGroupByName as Atlas answers them.</summary>
public sealed class StubGroupsApiTests : StubTest
{
    [Fact]
    public async Task A_project_is_read_with_its_organization()
    {
        using var admin = StubClient.Digest(Stub.Server, Stub.Seed.Admin);

        var group = await admin.GetAsync($"/api/atlas/v2/groups/{Stub.Staging}");
        var unknown = await admin.GetAsync("/api/atlas/v2/groups/0123456789abcdef01234567");
        var malformed = await admin.GetAsync("/api/atlas/v2/groups/staging");

        Assert.Equal((Stub.Staging, "demo-staging", Stub.Server.State.OrgId, 0), (group.Body!["id"]!.GetValue<string>(), group.Body["name"]!.GetValue<string>(), group.Body["orgId"]!.GetValue<string>(), group.Body["clusterCount"]!.GetValue<int>()));
        Assert.NotNull(group.Body["created"]);
        Assert.Equal((404, "GROUP_NOT_FOUND"), (unknown.StatusCode, unknown.ErrorCode));
        Assert.Equal((400, "PATH_PARAM_PARSE_ERROR"), (malformed.StatusCode, malformed.ErrorCode));
    }

    [Fact]
    public async Task The_listing_holds_the_projects_the_caller_can_see_paged()
    {
        var keys = Stub.Server.State.AllKeys();
        using var owner = StubClient.Digest(Stub.Server, Stub.Seed.Admin);                        // ORG_OWNER
        using var member = StubClient.Digest(Stub.Server, Stub.Seed.CiDeploy);                    // ORG_MEMBER on production and staging
        using var reader = StubClient.Digest(Stub.Server, keys.Single(k => k.Description == "tmp-load-test"));   // ORG_READ_ONLY
        using var account = StubClient.Bearer(Stub.Server, await StubClient.TokenAsync(Stub.Server, Stub.Seed.ServiceAccount));
        string[] all = [Stub.Production, Stub.Staging, Stub.Seed.Analytics.Id];

        var first = await owner.GetAsync("/api/atlas/v2/groups?itemsPerPage=2");
        var second = await owner.GetAsync("/api/atlas/v2/groups?itemsPerPage=2&pageNum=2");

        Assert.Equal(all, Ids(first).Concat(Ids(second)));
        Assert.Equal(3, first.Body!["totalCount"]!.GetValue<int>());
        Assert.Contains(first.Body["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "next");
        Assert.Equal([Stub.Production, Stub.Staging], Ids(await member.GetAsync("/api/atlas/v2/groups")));
        Assert.Equal(all, Ids(await reader.GetAsync("/api/atlas/v2/groups")));
        Assert.Equal(all, Ids(await account.GetAsync("/api/atlas/v2/groups")));
    }

    [Fact]
    public async Task A_project_is_found_by_name_among_those_the_caller_can_see()
    {
        using var owner = StubClient.Digest(Stub.Server, Stub.Seed.Admin);
        using var member = StubClient.Digest(Stub.Server, Stub.Seed.CiDeploy);

        var found = await owner.GetAsync("/api/atlas/v2/groups/byName/demo-analytics");
        var hidden = await member.GetAsync("/api/atlas/v2/groups/byName/demo-analytics");
        var unknown = await owner.GetAsync("/api/atlas/v2/groups/byName/nope");
        var tooLong = await owner.GetAsync("/api/atlas/v2/groups/byName/" + new string('n', 65));
        Stub.Server.State.AddProject("demo-analytics");
        var twice = await owner.GetAsync("/api/atlas/v2/groups/byName/demo-analytics");

        Assert.Equal(Stub.Seed.Analytics.Id, found.Body!["id"]!.GetValue<string>());
        Assert.Equal((404, "GROUP_NAME_NOT_FOUND"), (hidden.StatusCode, hidden.ErrorCode));
        Assert.Equal((404, "GROUP_NAME_NOT_FOUND"), (unknown.StatusCode, unknown.ErrorCode));
        Assert.Equal("No group with name \"nope\" exists.", unknown.Body!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal((409, "MULTIPLE_GROUPS"), (twice.StatusCode, twice.ErrorCode));
    }

    private static string[] Ids(StubReply page) => page.Body!["results"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()).ToArray();
}
