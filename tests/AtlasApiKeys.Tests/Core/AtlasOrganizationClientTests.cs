using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

/// <summary>The organization operations against the stub: what went over the wire and what came back.</summary>
public sealed class AtlasOrganizationClientTests : StubTest
{
    private string Org => Stub.Server.State.OrgId;

    [Fact]
    public async Task The_listing_gives_each_key_its_org_roles_and_its_roles_per_project()
    {
        using var session = Stub.Digest();
        var keys = await session.Organization.ListApiKeysAsync(Org).ToListAsync();

        Assert.Equal(Stub.Server.State.AllKeys().Select(k => k.Id).Order(), keys.Select(k => k.Id).Order());
        var ci = keys.Single(k => k.Id == Stub.Seed.CiDeploy.Id);
        Assert.Equal(("ci deploy", Org), (ci.Description, ci.OrgId));
        Assert.Equal(["ORG_MEMBER"], ci.OrgRoles);
        Assert.Equal([(Stub.Production, "GROUP_CLUSTER_MANAGER,GROUP_READ_ONLY"), (Stub.Staging, "GROUP_OWNER")], ci.Assignments.Select(a => (a.ProjectId, string.Join(",", a.Roles))));
        Assert.All(ci.Assignments, a => Assert.Equal(ci.Id, a.Id));
        Assert.Empty(keys.Single(k => k.Id == Stub.Seed.Unassigned.Id).Assignments);

        var get = Stub.ApiRequests().Last();
        Assert.Equal(("GET", $"/api/atlas/v2/orgs/{Org}/apiKeys", 200), (get.Method, get.Path, get.Status));
        Assert.Contains("itemsPerPage=500", get.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_listing_uses_the_one_paginator_with_read_ahead_and_a_page_limit()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 25);
        using var session = Stub.Digest();
        var total = Stub.Server.State.AllKeys().Count;

        var pages = await session.Organization.ListApiKeyPagesAsync(Org.ToUpperInvariant(), new ListOptions { ItemsPerPage = 10, StartPage = 2, MaxPages = 2 }).ToListAsync();

        Assert.Equal([2, 3], pages.Select(p => p.PageNum));
        Assert.All(pages, p => Assert.Equal(total, p.TotalCount));
        Assert.Equal(20, pages.Sum(p => p.Items.Count));
        var queries = Stub.ApiRequests().Where(r => r.Status == 200).Select(r => r.Query).ToList();
        Assert.Equal(["pageNum=2", "pageNum=3"], queries.Select(q => q.Split('&').Single(p => p.StartsWith("pageNum=", StringComparison.Ordinal))));
        Assert.All(queries, q => Assert.Contains("itemsPerPage=10", q, StringComparison.Ordinal));
        var bulkKey = pages.SelectMany(p => p.Items).First(k => k.Description!.StartsWith("bulk-", StringComparison.Ordinal));
        Assert.Equal([bulk.Id, Stub.Staging], bulkKey.Assignments.Select(a => a.ProjectId));
    }

    [Fact]
    public async Task Get_reads_one_key_and_delete_removes_it_from_every_project()
    {
        using var session = Stub.Digest();
        var id = Stub.Seed.CiDeploy.Id;

        var key = await session.Organization.GetApiKeyAsync(Org, id.ToUpperInvariant());
        await session.Organization.DeleteApiKeyAsync(Org, id);

        Assert.Equal([Stub.Production, Stub.Staging], key.Assignments.Select(a => a.ProjectId));
        var requests = Stub.ApiRequests().Where(r => r.Status != 401).Select(r => (r.Method, r.Path, r.Status));
        Assert.Equal([("GET", $"/api/atlas/v2/orgs/{Org}/apiKeys/{id}", 200), ("DELETE", $"/api/atlas/v2/orgs/{Org}/apiKeys/{id}", 204)], requests);
        Assert.DoesNotContain(Stub.Server.State.AllKeys(), k => k.Id == id);
        Assert.Null(await session.ApiKeys.FindAsync(Stub.Production, id));
        var gone = await Assert.ThrowsAsync<AtlasApiException>(() => session.Organization.GetApiKeyAsync(Org, id));
        Assert.Equal((404, "RESOURCE_NOT_FOUND"), (gone.StatusCode, gone.ErrorCode));
    }

    [Fact]
    public async Task Addresses_and_blocks_go_in_one_post_and_the_answer_is_the_list()
    {
        using var session = Stub.Digest();
        var key = Stub.Seed.Unassigned.Id;

        var list = await session.Organization.AddAccessListEntriesAsync(Org, key, ["198.51.100.20", " 2001:DB8::1 "], ["192.0.2.0/24"]);

        var post = Assert.Single(Stub.ApiRequests(), r => r.Method == "POST" && r.Status != 401);
        Assert.Equal(($"/api/atlas/v2/orgs/{Org}/apiKeys/{key}/accessList", 200), (post.Path, post.Status));
        Assert.Equal(["198.51.100.20/32", "2001:db8:0:0:0:0:0:1/128", "192.0.2.0/24"], list.Select(e => e.CidrBlock));   // the stub refuses IPv6 not written in full, as the spec's pattern does
        Assert.Equal(["198.51.100.20", "2001:db8:0:0:0:0:0:1", null], list.Select(e => e.IpAddress));
        Assert.All(list, e => Assert.Equal((Org, key), (e.OrgId, e.ApiKeyId)));
        Assert.All(list, e => Assert.NotNull(e.Created));
        Assert.All(list, e => Assert.Null(e.LastUsed ?? (object?)e.LastUsedAddress ?? e.Count));
        Assert.Equal(3, Stub.Server.State.AccessList(Org, key)!.Count);
    }

    [Theory]
    [InlineData(" 10.0.0.0 / 8 ", "10.0.0.0/8")]                       // as checked: no spaces around '/'
    [InlineData("203.0.113.10", "203.0.113.10")]
    [InlineData("2001:DB8::/32", "2001:db8:0:0:0:0:0:0/32")]
    [InlineData("::1", "0:0:0:0:0:0:0:1")]
    [InlineData("::ffff:192.0.2.1", "0:0:0:0:0:ffff:c000:201")]
    public void An_entry_goes_to_Atlas_in_the_form_the_spec_patterns_take(string given, string sent) =>
        Assert.Equal(sent, AtlasApiKeys.Core.AtlasValidation.WireForm(given));

    [Fact]
    public async Task IPv6_goes_to_Atlas_written_in_full_in_a_body_and_in_a_path()
    {
        using var session = Stub.Digest();
        var key = Stub.Seed.Unassigned.Id;

        var added = await session.Organization.AddAccessListEntriesAsync(Org, key, ["2001:DB8::10"], ["2001:db8:85a3::/48"]);
        await session.Organization.RemoveAccessListEntryAsync(Org, key, "2001:db8::10");
        await session.Organization.RemoveAccessListEntryAsync(Org, key, "2001:db8:85a3::/48");

        Assert.Equal(["2001:db8:0:0:0:0:0:10/128", "2001:db8:85a3:0:0:0:0:0/48"], added.Select(e => e.CidrBlock));   // the stub keeps what it was sent
        var deletes = Stub.ApiRequests().Where(r => r.Method == "DELETE").Select(r => (r.Path, r.Status));
        Assert.Equal([($"/api/atlas/v2/orgs/{Org}/apiKeys/{key}/accessList/2001:db8:0:0:0:0:0:10", 204), ($"/api/atlas/v2/orgs/{Org}/apiKeys/{key}/accessList/2001:db8:85a3:0:0:0:0:0%2F48", 204)], deletes);
        Assert.Empty(Stub.Server.State.AccessList(Org, key)!);
    }

    [Fact]
    public async Task The_list_shows_use_and_a_block_is_removed_with_its_slash_as_percent_2F()
    {
        using var session = Stub.Digest();
        await session.Organization.GetProjectAsync(Stub.Production);   // a request through one of the admin key's entries
        var admin = await session.Organization.ListAccessListAsync(Org, Stub.Seed.Admin.Id).ToListAsync();
        var key = Stub.Seed.Restricted.Id;   // 203.0.113.0/24 and 198.51.100.7

        await session.Organization.RemoveAccessListEntryAsync(Org, key, "203.0.113.0/24");
        await session.Organization.RemoveAccessListEntryAsync(Org, key, "198.51.100.7");

        var used = Assert.Single(admin, e => e.Count is not null);
        Assert.Equal("127.0.0.1", used.LastUsedAddress);
        Assert.NotNull(used.LastUsed);
        var deletes = Stub.ApiRequests().Where(r => r.Method == "DELETE").Select(r => (r.Path, r.Status));
        Assert.Equal([($"/api/atlas/v2/orgs/{Org}/apiKeys/{key}/accessList/203.0.113.0%2F24", 204), ($"/api/atlas/v2/orgs/{Org}/apiKeys/{key}/accessList/198.51.100.7", 204)], deletes);
        Assert.Empty(Stub.Server.State.AccessList(Org, key)!);
    }

    [Fact]
    public async Task The_access_list_is_read_page_by_page()
    {
        Stub.Server.State.SeedAccessList(Stub.Seed.Unassigned.Id, "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5");
        using var session = Stub.Digest();

        var entries = await session.Organization.ListAccessListAsync(Org, Stub.Seed.Unassigned.Id, new ListOptions { ItemsPerPage = 2 }).ToListAsync();

        Assert.Equal(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"], entries.Select(e => e.IpAddress));
        Assert.Equal(3, Stub.ApiRequests().Count(r => r.Status == 200));
    }

    [Theory]
    [InlineData("IpAddress", "203.0.113")]
    [InlineData("IpAddress", "203.0.113.256")]
    [InlineData("IpAddress", "203.0.113.0/24")]
    [InlineData("IpAddress", "fe80::1%eth0")]
    [InlineData("IpAddress", "")]
    [InlineData("CidrBlock", "203.0.113.0")]
    [InlineData("CidrBlock", "203.0.113.0/33")]
    [InlineData("CidrBlock", "2001:db8::/129")]
    [InlineData("CidrBlock", "example.com/24")]
    [InlineData("IpAddress", "010.0.0.1")]
    [InlineData("IpAddress", "1.2.3.04")]
    [InlineData("CidrBlock", "10.0.0.0/08")]
    [InlineData("CidrBlock", "010.0.0.0/8")]
    [InlineData("CidrBlock", "10.1.2.3/8")]
    [InlineData("CidrBlock", "2001:db8::1/32")]
    public void A_malformed_address_or_block_is_refused_naming_the_parameter_before_any_request(string parameter, string value)
    {
        using var session = Stub.Digest();
        var key = Stub.Seed.Unassigned.Id;

        var add = Assert.Throws<ArgumentException>(() => { _ = parameter == "IpAddress" ? session.Organization.AddAccessListEntriesAsync(Org, key, [value], null) : session.Organization.AddAccessListEntriesAsync(Org, key, null, [value]); });
        Assert.Equal(parameter, add.ParamName);
        Assert.Contains(parameter, add.Message, StringComparison.Ordinal);
        if (value.Length > 0 && (parameter == "CidrBlock") == value.Contains('/', StringComparison.Ordinal))
        {
            var remove = Assert.Throws<ArgumentException>(() => { _ = session.Organization.RemoveAccessListEntryAsync(Org, key, value); });
            Assert.Equal(parameter, remove.ParamName);
        }

        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Theory]
    [InlineData("10.1.2.3/8", "CidrBlock: 10.1.2.3/8 is not a network address; did you mean 10.0.0.0/8?")]
    [InlineData("2001:db8::1/32", "CidrBlock: 2001:db8::1/32 is not a network address; did you mean 2001:db8::/32?")]
    public void A_block_with_bits_past_its_prefix_is_refused_naming_its_network(string value, string start)
    {
        using var session = Stub.Digest();

        var ex = Assert.Throws<ArgumentException>(() => { _ = session.Organization.AddAccessListEntriesAsync(Org, Stub.Seed.Unassigned.Id, null, [value]); });

        Assert.StartsWith(start, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public async Task Duplicates_in_one_call_are_sent_once_as_Atlas_refuses_the_whole_post_for_one()
    {
        using var session = Stub.Digest();
        var key = Stub.Seed.Unassigned.Id;

        var list = await session.Organization.AddAccessListEntriesAsync(Org, key, ["192.0.2.1", "192.0.2.1", "2001:DB8::1", "2001:db8:0::1"], ["192.0.2.1/32", "10.0.0.0/8", "10.0.0.0/8"]);

        var post = Assert.Single(Stub.ApiRequests(), r => r.Method == "POST" && r.Status != 401);
        Assert.Equal(200, post.Status);
        Assert.Equal(["192.0.2.1/32", "2001:db8:0:0:0:0:0:1/128", "10.0.0.0/8"], list.Select(e => e.CidrBlock));
    }

    [Fact]
    public async Task Ids_are_checked_before_any_request()
    {
        using var session = Stub.Digest();

        Assert.Equal("OrgId", Assert.Throws<ArgumentException>(() => session.Organization.ListApiKeysAsync("nope")).ParamName);
        Assert.Equal("ApiKeyId", Assert.Throws<ArgumentException>(() => { _ = session.Organization.DeleteApiKeyAsync(Org, "abcdefgh"); }).ParamName);
        Assert.Equal("ProjectId", Assert.Throws<ArgumentException>(() => { _ = session.Organization.GetProjectAsync(""); }).ParamName);
        Assert.Equal("IpAddress", Assert.Throws<ArgumentException>(() => { _ = session.Organization.AddAccessListEntriesAsync(Org, Stub.Seed.Unassigned.Id, [], []); }).ParamName);
        await Task.Yield();
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public async Task Projects_are_read_by_id_by_name_and_listed_with_their_organization()
    {
        using var session = Stub.Digest();

        var byId = await session.Organization.GetProjectAsync(Stub.Staging);
        var byName = await session.Organization.GetProjectByNameAsync("demo-analytics");
        var all = await session.Organization.ListProjectsAsync().ToListAsync();

        Assert.Equal((Stub.Staging, "demo-staging", Org), (byId.Id, byId.Name, byId.OrgId));
        Assert.Equal(Stub.Seed.Analytics.Id, byName.Id);
        Assert.Equal(["demo-production", "demo-staging", "demo-analytics"], all.Select(p => p.Name));
        Assert.Contains(Stub.ApiRequests(), r => r.Path == "/api/atlas/v2/groups/byName/demo-analytics" && r.Status == 200);
        var missing = await Assert.ThrowsAsync<AtlasApiException>(() => session.Organization.GetProjectByNameAsync("no such project"));
        Assert.Equal((404, "GROUP_NAME_NOT_FOUND"), (missing.StatusCode, missing.ErrorCode));
        Assert.Contains(Stub.ApiRequests(), r => r.Path == "/api/atlas/v2/groups/byName/no such project" && r.Status == 404);
    }
}
