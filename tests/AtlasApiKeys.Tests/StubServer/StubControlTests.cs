using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>The /_stub/ controls out-of-process tests switch the stub with.</summary>
public sealed class StubControlTests : StubTest
{
    [Fact]
    public async Task The_organizations_access_list_requirement_is_read_and_switched_over_http()
    {
        var org = Stub.Server.State.OrgId;
        using var control = StubClient.Anonymous(Stub.Server);

        var before = await control.GetAsync($"/_stub/orgs/{org}/settings");
        var on = await control.SendAsync("PATCH", $"/_stub/orgs/{org}/settings", "{\"apiAccessListRequired\":true}");
        var state = Stub.Server.State.Org(org)!.ApiAccessListRequired;
        var bad = await control.SendAsync("PATCH", $"/_stub/orgs/{org}/settings", "{\"apiAccessListRequired\":\"yes\"}");
        var unknown = await control.SendAsync("PATCH", "/_stub/orgs/0123456789abcdef01234567/settings", "{\"apiAccessListRequired\":true}");

        Assert.False(before.Body!["apiAccessListRequired"]!.GetValue<bool>());
        Assert.True(on.Body!["apiAccessListRequired"]!.GetValue<bool>());
        Assert.True(state);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(Stub.Server.State.Org(org)!.ApiAccessListRequired);
        Assert.Equal((404, "ORG_NOT_FOUND"), (unknown.StatusCode, unknown.ErrorCode));
    }

    [Fact]
    public async Task Latency_is_switched_over_http()
    {
        using var control = StubClient.Anonymous(Stub.Server);

        var on = await control.SendAsync("PUT", "/_stub/latency", "{\"milliseconds\":20}");
        var set = Stub.Server.Faults.Latency;
        var bad = await control.SendAsync("PUT", "/_stub/latency", "{\"milliseconds\":-1}");
        var off = await control.SendAsync("PUT", "/_stub/latency", "{\"milliseconds\":0}");

        Assert.Equal(20, on.Body!["milliseconds"]!.GetValue<int>());
        Assert.Equal(TimeSpan.FromMilliseconds(20), set);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(TimeSpan.Zero, Stub.Server.Faults.Latency);
        Assert.Equal(0, off.Body!["milliseconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task Faults_are_added_over_http()
    {
        using var control = StubClient.Anonymous(Stub.Server);
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // the digest challenge's 401 is behind us
        var before = Stub.Server.Log.Count;

        var added = await control.SendAsync("POST", "/_stub/faults", "{\"kind\":\"ServiceUnavailable\",\"count\":2}");
        var bad = await control.SendAsync("POST", "/_stub/faults", "{\"kind\":\"NoSuchFault\"}");
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Equal("ServiceUnavailable", added.Body!["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal([503, 503, 200], Stub.ApiRequests(before).Select(r => r.Status));
    }

    [Fact]
    public async Task Unknown_control_paths_are_404()
    {
        using var control = StubClient.Anonymous(Stub.Server);
        Assert.Equal(HttpStatusCode.NotFound, (await control.GetAsync("/_stub/nothing")).Status);
    }
}
