using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>The access-list operations of one organization key as Atlas answers them.</summary>
public sealed class StubAccessListApiTests : StubTest
{
    private string List(string keyId) => $"/api/atlas/v2/orgs/{Stub.Server.State.OrgId}/apiKeys/{keyId}/accessList";

    private StubClient Admin() => StubClient.Digest(Stub.Server, Stub.Seed.Admin);

    [Fact]
    public async Task One_post_adds_an_address_and_blocks_and_answers_the_whole_list()
    {
        using var admin = Admin();
        var key = Stub.Seed.Unassigned.Id;

        var reply = await admin.PostAsync(List(key), "[{\"ipAddress\":\"198.51.100.20\"},{\"cidrBlock\":\"192.0.2.0/24\"},{\"ipAddress\":\"2001:db8:0:0:0:0:0:1\"}]");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var results = reply.Body!["results"]!.AsArray();
        Assert.Equal(3, reply.Body["totalCount"]!.GetValue<int>());
        Assert.Equal(["198.51.100.20/32", "192.0.2.0/24", "2001:db8:0:0:0:0:0:1/128"], results.Select(e => e!["cidrBlock"]!.GetValue<string>()));
        Assert.Equal(["198.51.100.20", null, "2001:db8:0:0:0:0:0:1"], results.Select(e => e!["ipAddress"]?.GetValue<string>()));
        Assert.All(results, e => Assert.True(DateTimeOffset.TryParse(e!["created"]!.GetValue<string>(), out _)));
        Assert.All(results, e => Assert.Null(e!["lastUsed"] ?? e["lastUsedAddress"] ?? e["count"]));   // never used yet
        Assert.EndsWith("/accessList/192.0.2.0%2F24", results[1]!["links"]![0]!["href"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, Stub.Server.State.AccessList(Stub.Server.State.OrgId, key)!.Count);
    }

    [Theory]
    [InlineData("ipAddress", "2001:db8::1")]          // the spec's ipAddress pattern: IPv6 in full only
    [InlineData("ipAddress", "2001:DB8:0:0:0:0:0:1")] // and in lower case
    [InlineData("cidrBlock", "2001:db8::1/128")]      // its cidrBlock pattern: "::" only at the start or end
    [InlineData("cidrBlock", "::/0")]
    public async Task IPv6_in_a_form_the_spec_pattern_refuses_is_refused(string field, string value)
    {
        using var admin = Admin();

        var reply = await admin.PostAsync(List(Stub.Seed.Unassigned.Id), $"[{{\"{field}\":\"{value}\"}}]");

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"), (reply.Status, reply.Body!["errorCode"]!.GetValue<string>()));
        Assert.Empty(Stub.Server.State.AccessList(Stub.Server.State.OrgId, Stub.Seed.Unassigned.Id)!);
    }

    [Fact]
    public async Task Another_media_type_than_the_spec_lists_is_refused_and_changes_nothing()
    {
        using var admin = Admin();
        var key = Stub.Seed.Unassigned.Id;

        var json = await admin.SendAsync("GET", List(key), accept: "application/json");
        var posted = await admin.SendAsync("POST", List(key), "[{\"ipAddress\":\"192.0.2.1\"}]", "application/json");

        Assert.Equal((HttpStatusCode.NotAcceptable, "NOT_ACCEPTABLE"), (json.Status, json.Body!["errorCode"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"), (posted.Status, posted.Body!["errorCode"]!.GetValue<string>()));
        Assert.Empty(Stub.Server.State.AccessList(Stub.Server.State.OrgId, key)!);
    }

    [Fact]
    public async Task The_list_is_paged()
    {
        Stub.Server.State.SeedAccessList(Stub.Seed.Unassigned.Id, "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5");
        using var admin = Admin();

        var last = await admin.GetAsync(List(Stub.Seed.Unassigned.Id) + "?itemsPerPage=2&pageNum=3");

        Assert.Equal(["192.0.2.5"], last.Body!["results"]!.AsArray().Select(e => e!["ipAddress"]!.GetValue<string>()));
        Assert.Equal(5, last.Body["totalCount"]!.GetValue<int>());
        Assert.Equal(["self", "previous"], last.Body["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_block_in_the_path_is_read_and_removed_with_its_slash_sent_as_percent_2F()
    {
        var key = Stub.Seed.Restricted.Id;   // 203.0.113.0/24 and 198.51.100.7
        using var admin = Admin();

        var one = await admin.GetAsync(List(key) + "/203.0.113.0%2F24");
        var literal = await admin.GetAsync(List(key) + "/203.0.113.0/24");
        var doubled = await admin.GetAsync(List(key) + "/203.0.113.0%252F24");
        var removed = await admin.DeleteAsync(List(key) + "/203.0.113.0%2f24");
        var gone = await admin.GetAsync(List(key) + "/203.0.113.0%2F24");

        Assert.Equal((200, "203.0.113.0/24"), (one.StatusCode, one.Body!["cidrBlock"]!.GetValue<string>()));
        Assert.Equal((404, "RESOURCE_NOT_FOUND"), (literal.StatusCode, literal.ErrorCode));             // a '/' makes another path segment
        Assert.Equal((400, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"), (doubled.StatusCode, doubled.ErrorCode));
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal((404, "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND"), (gone.StatusCode, gone.ErrorCode));
        Assert.Equal(["198.51.100.7/32"], Stub.Server.State.AccessList(Stub.Server.State.OrgId, key)!.Select(e => e.CidrBlock));
        Assert.Contains(Stub.Server.Log.Entries, r => r.Method == "DELETE" && r.Path.EndsWith("/accessList/203.0.113.0%2f24", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_address_is_found_as_written_or_as_its_32_block()
    {
        using var admin = Admin();
        var key = Stub.Seed.Restricted.Id;

        var plain = await admin.GetAsync(List(key) + "/198.51.100.7");
        var block = await admin.GetAsync(List(key) + "/198.51.100.7%2F32");

        Assert.Equal(("198.51.100.7", "198.51.100.7"), (plain.Body!["ipAddress"]!.GetValue<string>(), block.Body!["ipAddress"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_duplicate_entry_is_409_and_nothing_of_that_post_is_added()
    {
        using var admin = Admin();
        var key = Stub.Seed.Restricted.Id;

        var address = await admin.PostAsync(List(key), "[{\"ipAddress\":\"192.0.2.77\"},{\"ipAddress\":\"198.51.100.7\"}]");
        var block = await admin.PostAsync(List(key), "[{\"cidrBlock\":\"203.0.113.0/24\"}]");
        var sameTwice = await admin.PostAsync(List(key), "[{\"ipAddress\":\"192.0.2.78\"},{\"cidrBlock\":\"192.0.2.78/32\"}]");

        Assert.Equal((409, "ADDRESS_ALREADY_IN_ACCESS_LIST"), (address.StatusCode, address.ErrorCode));
        Assert.Equal("198.51.100.7", address.Body!["parameters"]![0]!.GetValue<string>());
        Assert.Equal((409, "ADDRESS_ALREADY_IN_ACCESS_LIST"), (block.StatusCode, block.ErrorCode));
        Assert.Equal((409, "ADDRESS_ALREADY_IN_ACCESS_LIST"), (sameTwice.StatusCode, sameTwice.ErrorCode));
        Assert.Equal(2, Stub.Server.State.AccessList(Stub.Server.State.OrgId, key)!.Count);
    }

    [Fact]
    public async Task Unknown_entries_and_keys_are_404()
    {
        using var admin = Admin();

        var entry = await admin.GetAsync(List(Stub.Seed.Restricted.Id) + "/192.0.2.200");
        var removeEntry = await admin.DeleteAsync(List(Stub.Seed.Restricted.Id) + "/10.0.0.0%2F8");
        var key = await admin.GetAsync(List("0123456789abcdef01234567"));
        var addToKey = await admin.PostAsync(List("0123456789abcdef01234567"), "[{\"ipAddress\":\"192.0.2.1\"}]");

        Assert.Equal((404, "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND"), (entry.StatusCode, entry.ErrorCode));
        Assert.Equal((404, "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND"), (removeEntry.StatusCode, removeEntry.ErrorCode));
        Assert.Equal((404, "RESOURCE_NOT_FOUND"), (key.StatusCode, key.ErrorCode));
        Assert.Equal((404, "RESOURCE_NOT_FOUND"), (addToKey.StatusCode, addToKey.ErrorCode));
    }

    [Theory]
    [InlineData("[{\"ipAddress\":\"192.0.2.1\",\"cidrBlock\":\"192.0.2.0/24\"}]", "BAD_ACCESS_LIST_ADD_REQUEST")]
    [InlineData("[{\"ipAddress\":\"192.0.2.256\"}]", "INVALID_IP_ADDRESS_OR_CIDR_NOTATION")]
    [InlineData("[{\"ipAddress\":\"010.0.0.1\"}]", "INVALID_IP_ADDRESS_OR_CIDR_NOTATION")]
    [InlineData("[{\"ipAddress\":\"192.0.2.0/24\"}]", "INVALID_IP_ADDRESS_OR_CIDR_NOTATION")]
    [InlineData("[{\"cidrBlock\":\"192.0.2.5/24\"}]", "INVALID_IP_ADDRESS_OR_CIDR_NOTATION")]
    [InlineData("[{\"cidrBlock\":\"192.0.2.0/33\"}]", "INVALID_IP_ADDRESS_OR_CIDR_NOTATION")]
    [InlineData("[{\"cidrBlock\":\"192.0.2.0\"}]", "INVALID_IP_ADDRESS_OR_CIDR_NOTATION")]
    [InlineData("[{}]", "INVALID_IP_ADDRESS_OR_CIDR_NOTATION")]
    [InlineData("{\"ipAddress\":\"192.0.2.1\"}", "INVALID_JSON")]
    [InlineData("[]", "INVALID_JSON")]
    public async Task A_malformed_entry_is_400_and_nothing_is_added(string body, string errorCode)
    {
        using var admin = Admin();

        var reply = await admin.PostAsync(List(Stub.Seed.Unassigned.Id) + "?pretty=false", body);

        Assert.Equal((400, errorCode), (reply.StatusCode, reply.ErrorCode));
        Assert.Empty(Stub.Server.State.AccessList(Stub.Server.State.OrgId, Stub.Seed.Unassigned.Id)!);
    }

    [Fact]
    public async Task A_block_may_come_with_percent_2F_in_the_body_as_the_spec_pattern_allows()
    {
        using var admin = Admin();
        var reply = await admin.PostAsync(List(Stub.Seed.Unassigned.Id), "[{\"cidrBlock\":\"192.0.2.0%2F24\"}]");
        Assert.Equal("192.0.2.0/24", reply.Body!["results"]![0]!["cidrBlock"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_callers_own_address_cannot_be_removed_from_any_keys_list()
    {
        Stub.Server.State.SeedAccessList(Stub.Seed.Unassigned.Id, "127.0.0.1", "192.0.2.9");
        using var admin = Admin();

        var own = await admin.DeleteAsync(List(Stub.Seed.Admin.Id) + "/127.0.0.1");
        var othersKey = await admin.DeleteAsync(List(Stub.Seed.Unassigned.Id) + "/127.0.0.1");
        var notCaller = await admin.DeleteAsync(List(Stub.Seed.Unassigned.Id) + "/192.0.2.9");

        Assert.Equal((400, "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST"), (own.StatusCode, own.ErrorCode));
        Assert.Equal((400, "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST"), (othersKey.StatusCode, othersKey.ErrorCode));
        Assert.Equal("127.0.0.1", own.Body!["parameters"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, notCaller.Status);
        Assert.Contains(Stub.Server.State.AccessList(Stub.Server.State.OrgId, Stub.Seed.Admin.Id)!, e => e.CidrBlock == "127.0.0.1/32");
    }
}
