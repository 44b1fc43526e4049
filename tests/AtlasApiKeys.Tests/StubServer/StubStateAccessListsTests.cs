using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>The check before every API request: the organization's access-list requirement and each key's list.</summary>
public sealed class StubStateAccessListsTests : StubTest
{
    private string Org => Stub.Server.State.OrgId;

    [Fact]
    public async Task Once_the_organization_requires_an_access_list_a_key_with_no_entry_gets_403_ORG_REQUIRES_ACCESS_LIST_on_every_request()
    {
        using var admin = StubClient.Digest(Stub.Server, Stub.Seed.Admin);
        var created = await admin.PostAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys", "{\"desc\":\"new\",\"roles\":[\"GROUP_READ_ONLY\"]}");
        using var fresh = StubClient.Digest(Stub.Server, created.Body!["publicKey"]!.GetValue<string>(), created.Body["privateKey"]!.GetValue<string>());
        var keyId = created.Body["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys")).Status);

        Assert.True(Stub.Server.State.SetApiAccessListRequired(Org, true));
        var refused = new[]
        {
            await fresh.GetAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys"),
            await fresh.GetAsync($"/api/atlas/v2/groups/{Stub.Production}"),
            await fresh.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys"),
            await fresh.PostAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/{keyId}/accessList", "[{\"ipAddress\":\"127.0.0.1\"}]"),
        };
        var adminStillWorks = await admin.GetAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys");
        await admin.PostAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/{keyId}/accessList", "[{\"ipAddress\":\"127.0.0.1\"}]");
        var afterEntry = await fresh.GetAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys");

        Assert.All(refused, r => Assert.Equal((403, "ORG_REQUIRES_ACCESS_LIST"), (r.StatusCode, r.ErrorCode)));
        Assert.Equal("This organization requires access through an access list of ip ranges.", refused[0].Body!["detail"]!.GetValue<string>());
        Assert.Equal(["127.0.0.1"], refused[0].Body!["parameters"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, adminStillWorks.Status);   // the admin has 127.0.0.1 on its list
        Assert.Equal(HttpStatusCode.OK, afterEntry.Status);
        Assert.Equal(4, Stub.Server.Log.Entries.Count(r => r.ErrorCode == "ORG_REQUIRES_ACCESS_LIST" && r.Principal == created.Body["publicKey"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_key_whose_entries_do_not_cover_the_caller_gets_403_IP_ADDRESS_NOT_ON_ACCESS_LIST_required_or_not()
    {
        using var restricted = StubClient.Digest(Stub.Server, Stub.Seed.Restricted);   // 203.0.113.0/24 and 198.51.100.7

        var off = await restricted.GetAsync($"/api/atlas/v2/groups/{Stub.Seed.Analytics.Id}/apiKeys");
        Stub.Server.State.SetApiAccessListRequired(Org, true);
        var on = await restricted.GetAsync($"/api/atlas/v2/groups/{Stub.Seed.Analytics.Id}/apiKeys");
        Stub.Server.State.SeedAccessList(Stub.Seed.Restricted.Id, "127.0.0.0/8");
        var covered = await restricted.GetAsync($"/api/atlas/v2/groups/{Stub.Seed.Analytics.Id}/apiKeys");

        Assert.All(new[] { off, on }, r => Assert.Equal((403, "IP_ADDRESS_NOT_ON_ACCESS_LIST"), (r.StatusCode, r.ErrorCode)));
        Assert.Equal("IP address 127.0.0.1 is not allowed to access this resource.", off.Body!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, covered.Status);
    }

    [Fact]
    public async Task The_requirement_is_per_organization()
    {
        var state = Stub.Server.State;
        var other = state.AddOrganization("other");
        var project = state.AddProject("other-project", orgId: other.Id);
        var key = state.AddKey("other key", ["ORG_OWNER"], (project.Id, ["GROUP_OWNER"]));
        using var client = StubClient.Digest(Stub.Server, key);

        state.SetApiAccessListRequired(Org, true);
        var inOther = await client.GetAsync($"/api/atlas/v2/groups/{project.Id}/apiKeys");
        state.SetApiAccessListRequired(other.Id, true);
        var required = await client.GetAsync($"/api/atlas/v2/groups/{project.Id}/apiKeys");

        Assert.Equal(HttpStatusCode.OK, inOther.Status);
        Assert.Equal((403, "ORG_REQUIRES_ACCESS_LIST"), (required.StatusCode, required.ErrorCode));
    }

    [Fact]
    public async Task The_entry_that_let_a_request_through_records_when_from_where_and_how_often()
    {
        using var admin = StubClient.Digest(Stub.Server, Stub.Seed.Admin);
        for (var i = 0; i < 3; i++)
        {
            await admin.GetAsync($"/api/atlas/v2/groups/{Stub.Production}");
        }

        var list = await admin.GetAsync($"/api/atlas/v2/orgs/{Org}/apiKeys/{Stub.Seed.Admin.Id}/accessList");

        var loopback = list.Body!["results"]!.AsArray().Single(e => e!["ipAddress"]!.GetValue<string>() == "127.0.0.1")!;
        var signedIn = Stub.Server.Log.Entries.Count(r => r.Principal == Stub.Seed.Admin.PublicKey && r.Status != 401);
        Assert.Equal(4, signedIn);   // three reads and the listing itself
        Assert.Equal(signedIn, loopback["count"]!.GetValue<int>());
        Assert.Equal("127.0.0.1", loopback["lastUsedAddress"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(loopback["lastUsed"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromHours(1));
        var ipv6 = list.Body["results"]!.AsArray().Single(e => e!["ipAddress"]!.GetValue<string>() == "0:0:0:0:0:0:0:1")!;   // IPv6 in full, as the spec's pattern has it
        Assert.Null(ipv6["count"]);
    }

    [Fact]
    public async Task Service_accounts_are_not_held_to_the_key_access_list()
    {
        Stub.Server.State.SetApiAccessListRequired(Org, true);
        using var client = StubClient.Bearer(Stub.Server, await StubClient.TokenAsync(Stub.Server, Stub.Seed.ServiceAccount));

        var reply = await client.GetAsync($"/api/atlas/v2/groups/{Stub.Production}/apiKeys");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }
}
