using System;
using System.Collections.Generic;
using System.Linq;

namespace AtlasApiKeys.StubServer;

/// <summary>The demo organization: an admin key, a service account, three projects, and keys that
/// hold roles in several projects and in the org (so per-project role filtering shows), and access
/// lists: the admin's covers loopback, the restricted key's does not.</summary>
public sealed class StubSeed
{
    private StubSeed(StubState state)
    {
        Production = state.AddProject("demo-production");
        Staging = state.AddProject("demo-staging");
        Analytics = state.AddProject("demo-analytics");
        Admin = state.AddKey("demo admin", ["ORG_OWNER"], (Production.Id, ["GROUP_OWNER"]), (Staging.Id, ["GROUP_OWNER"]));
        state.SeedAccessList(Admin.Id, "127.0.0.1", "::1");   // usable when the organization requires an access list
        ServiceAccount = state.AddServiceAccount();
        CiDeploy = state.AddKey("ci deploy", ["ORG_MEMBER"], (Production.Id, ["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"]), (Staging.Id, ["GROUP_OWNER"]));
        state.AddKey("tmp-load-test", ["ORG_READ_ONLY"], (Staging.Id, ["GROUP_DATA_ACCESS_READ_WRITE"]));
        state.AddKey("monitoring", ["ORG_MEMBER"], (Production.Id, ["GROUP_OBSERVABILITY_VIEWER"]));
        Restricted = state.AddKey("office only", ["ORG_MEMBER"], (Analytics.Id, ["GROUP_READ_ONLY"]));
        state.SeedAccessList(Restricted.Id, "203.0.113.0/24", "198.51.100.7");   // not loopback: 403 IP_ADDRESS_NOT_ON_ACCESS_LIST
        Unassigned = state.AddKey("unassigned org key", ["ORG_MEMBER"]);
    }

    public StubProject Production { get; }

    public StubProject Staging { get; }

    public StubProject Analytics { get; }

    public StubKey Admin { get; }

    /// <summary>A key on two projects (production and staging).</summary>
    public StubKey CiDeploy { get; }

    /// <summary>A key whose access list does not cover loopback: every request gets 403.</summary>
    public StubKey Restricted { get; }

    public StubKey Unassigned { get; }

    public StubServiceAccount ServiceAccount { get; }

    public static StubSeed Demo(StubState state) => new(state);

    /// <summary>Adds <paramref name="count"/> keys to a project, each also holding a role elsewhere.</summary>
    public static void AddBulkKeys(StubState state, StubProject project, StubProject other, int count)
    {
        foreach (var i in Enumerable.Range(0, count))
        {
            state.AddKey($"bulk-{i:D5}", ["ORG_MEMBER"], (project.Id, ["GROUP_READ_ONLY"]), (other.Id, ["GROUP_OWNER"]));
        }
    }

    /// <summary>Grows the default organization to <paramref name="projects"/> projects and <paramref name="keys"/>
    /// keys (the inventory benchmark): each key added holds GROUP_READ_ONLY in one added project and
    /// GROUP_CLUSTER_MANAGER in the next, so the added projects share the added keys evenly.</summary>
    public static void AddInventory(StubState state, int projects, int keys)
    {
        var added = Enumerable.Range(0, Math.Max(0, projects - state.ProjectCount(state.OrgId)))
            .Select(i => state.AddProject($"inventory-{i:D3}")).ToList();
        var count = Math.Max(0, keys - state.OrgKeysPage(state.OrgId, 1, 1)!.Value.Total);
        for (var i = 0; i < count && added.Count > 0; i++)
        {
            state.AddKey($"inventory key {i:D3}", ["ORG_MEMBER"], (added[i % added.Count].Id, ["GROUP_READ_ONLY"]), (added[(i + 1) % added.Count].Id, ["GROUP_CLUSTER_MANAGER"]));
        }
    }

    /// <summary>The "Name: value" lines the stub prints at start (tests/Pester/common.ps1 reads them):
    /// names without a colon, values without spaces, "Unassigned org key" last (the reader waits for it).</summary>
    public IEnumerable<string> Lines(StubState state, StubProject? bulk)
    {
        var org = state.Org(state.OrgId)!;
        yield return $"Organization:        {org.Id}";
        yield return $"Project production:  {Production.Id}";
        yield return $"Project staging:     {Staging.Id}";
        yield return $"Project analytics:   {Analytics.Id}";
        yield return $"Digest public key:   {Admin.PublicKey}";
        yield return $"Digest private key:  {Admin.PrivateKey}";
        yield return $"Service account id:  {ServiceAccount.ClientId}";
        yield return $"Service account key: {ServiceAccount.ClientSecret}";
        if (bulk is not null)
        {
            yield return $"Project bulk:        {bulk.Id}";
        }

        yield return $"CI deploy key:       {CiDeploy.Id}";
        yield return $"Restricted key:      {Restricted.Id}";
        yield return $"Restricted public key:  {Restricted.PublicKey}";
        yield return $"Restricted private key: {Restricted.PrivateKey}";
        yield return $"Access list required: {(org.ApiAccessListRequired ? "true" : "false")}";
        yield return $"Unassigned org key:  {Unassigned.Id}";
    }
}
