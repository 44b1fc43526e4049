using System;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>listOrgApiKeys, getOrgApiKey and deleteOrgApiKey as Atlas answers them.</summary>
public sealed class StubOrgApiTests : StubTest
{
    private string Org => Stub.Server.State.OrgId;

    private StubClient Admin() => StubClient.Digest(Stub.Server, Stub.Seed.Admin);

    [Fact]
    public async Task The_listing_has_every_key_of_the_organization_with_its_roles_in_every_project_and_in_the_organization()
    {
        using var admin = Admin();
        var reply = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var results = reply.Body!["results"]!.AsArray();
        Assert.Equal(Stub.Server.State.AllKeys().Select(k => k.Id).Order(), results.Select(k => k!["id"]!.GetValue<string>()).Order());
        Assert.Equal(results.Count, reply.Body["totalCount"]!.GetValue<int>());
        var ci = results.Single(k => k!["desc"]!.GetValue<string>() == "ci deploy")!;
        var roles = ci["roles"]!.AsArray().Select(r => (Group: r!["groupId"]?.GetValue<string>(), Org: r["orgId"]?.GetValue<string>(), Role: r["roleName"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [(Stub.Production, null, "GROUP_CLUSTER_MANAGER"), (Stub.Production, null, "GROUP_READ_ONLY"), (Stub.Staging, null, "GROUP_OWNER"), (null, Org, "ORG_MEMBER")],
            roles);
        Assert.All(results, k => Assert.StartsWith("********-****-****-", k!["privateKey"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal($"{Stub.Server.BaseUri.ToString().TrimEnd('/')}/api/atlas/v2/orgs/{Org}/apiKeys/{ci["id"]}", ci["links"]![0]!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_listing_pages_as_the_project_listing_does()
    {
        using var admin = Admin();
        var total = Stub.Server.State.AllKeys().Count;   // 6

        var first = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys?itemsPerPage=4");
        var second = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys?itemsPerPage=4&pageNum=2&includeCount=false");
        var tooMany = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys?itemsPerPage=501");

        Assert.Equal([4, total - 4], new[] { first, second }.Select(p => p.Body!["results"]!.AsArray().Count));
        Assert.Equal(["self", "next"], Rels(first.Body!));
        Assert.Equal(["self", "previous"], Rels(second.Body!));
        Assert.Equal(total, first.Body!["totalCount"]!.GetValue<int>());
        Assert.Null(second.Body!["totalCount"]);
        Assert.Equal((400, "VALIDATION_ERROR"), (tooMany.StatusCode, tooMany.ErrorCode));
    }

    [Fact]
    public async Task One_key_is_read_with_all_its_roles_and_an_unknown_one_is_404()
    {
        using var admin = Admin();
        var ci = Stub.Seed.CiDeploy;

        var one = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/{ci.Id}");
        var unknown = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/0123456789abcdef01234567");
        var malformed = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/not-an-id");

        Assert.Equal(("ci deploy", ci.PublicKey, 4), (one.Body!["desc"]!.GetValue<string>(), one.Body["publicKey"]!.GetValue<string>(), one.Body["roles"]!.AsArray().Count));
        Assert.Equal((404, "RESOURCE_NOT_FOUND"), (unknown.StatusCode, unknown.ErrorCode));
        Assert.Equal((400, "PATH_PARAM_PARSE_ERROR"), (malformed.StatusCode, malformed.ErrorCode));
    }

    [Fact]
    public async Task A_deleted_key_leaves_every_project_and_can_no_longer_sign_in()
    {
        using var admin = Admin();
        using var ci = StubClient.Digest(Stub.Server, Stub.Seed.CiDeploy);
        Assert.Equal(HttpStatusCode.OK, (await ci.GetAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys")).Status);

        var deleted = await admin.DeleteAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/{Stub.Seed.CiDeploy.Id}");
        var again = await admin.DeleteAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/{Stub.Seed.CiDeploy.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal((404, "RESOURCE_NOT_FOUND"), (again.StatusCode, again.ErrorCode));
        foreach (var project in new[] { Stub.Production, Stub.Staging })
        {
            var listing = await admin.GetAsync($"/api/atlas/v2/groups/{project}/apiKeys");
            Assert.Equal(HttpStatusCode.OK, listing.Status);
            Assert.Equal(Stub.Server.State.KeysOf(project).Select(k => k.Id), listing.Body!["results"]!.AsArray().Select(k => k!["id"]!.GetValue<string>()));
            Assert.DoesNotContain(Stub.Seed.CiDeploy.Id, listing.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Stub.Server.State.AllKeys(), k => k.Id == Stub.Seed.CiDeploy.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ci.GetAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys")).Status);
    }

    [Fact]
    public async Task Another_organization_is_out_of_reach_and_its_keys_are_not_listed()
    {
        var state = Stub.Server.State;
        var other = state.AddOrganization("other");
        var project = state.AddProject("other-project", orgId: other.Id);
        var foreign = state.AddKey("foreign", ["ORG_OWNER"], (project.Id, ["GROUP_OWNER"]));
        using var admin = Admin();

        var mine = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys");
        var theirs = await admin.GetAsync($"/api/atlas/v2/orgs/{other.Id}/apiKeys");
        var unknown = await admin.GetAsync("/api/atlas/v2/orgs/0123456789abcdef01234567/apiKeys");
        var assign = await admin.PostAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys/{foreign.Id}", "[{\"roles\":[\"GROUP_READ_ONLY\"]}]");

        Assert.DoesNotContain(foreign.Id, mine.Text, StringComparison.Ordinal);
        Assert.Equal((401, "USER_CANNOT_ACCESS_ORG"), (theirs.StatusCode, theirs.ErrorCode));
        Assert.Equal((404, "ORG_NOT_FOUND"), (unknown.StatusCode, unknown.ErrorCode));
        Assert.Equal((404, "RESOURCE_NOT_FOUND"), (assign.StatusCode, assign.ErrorCode));   // a key of another organization is not found here
        Assert.Equal(other.Id, foreign.OrgId);
    }

    [Fact]
    public async Task A_create_past_500_keys_in_the_organization_is_refused_with_MAX_API_KEYS_PER_ORG_EXCEEDED()
    {
        var state = Stub.Server.State;
        for (var i = state.AllKeys().Count; i < StubState.MaxApiKeysPerOrg; i++)
        {
            state.AddKey($"filler-{i}");
        }

        using var admin = Admin();
        const string body = "{\"desc\":\"one too many\",\"roles\":[\"GROUP_READ_ONLY\"]}";
        var refused = await admin.PostAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys", body);
        await admin.DeleteAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/{Stub.Seed.Unassigned.Id}");
        var created = await admin.PostAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys", body);

        Assert.Equal((400, "MAX_API_KEYS_PER_ORG_EXCEEDED"), (refused.StatusCode, refused.ErrorCode));
        Assert.Equal(["500", Org], refused.Body!["parameters"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Contains("(500)", refused.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(StubState.MaxApiKeysPerOrg, state.AllKeys().Count);
    }

    [Fact]
    public async Task Other_methods_are_405_and_unknown_paths_404()
    {
        using var admin = Admin();
        var patch = await admin.SendAsync("PATCH", $"/api/atlas/v2/orgs/{Org}/apiKeys/{Stub.Seed.CiDeploy.Id}", "{}", "application/vnd.atlas.2023-01-01+json");
        var unknown = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/teams");

        Assert.Equal((405, "METHOD_NOT_ALLOWED"), (patch.StatusCode, patch.ErrorCode));
        Assert.Equal((404, "RESOURCE_NOT_FOUND"), (unknown.StatusCode, unknown.ErrorCode));
    }

    private static string[] Rels(JsonNode page) => page["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ToArray();
}
