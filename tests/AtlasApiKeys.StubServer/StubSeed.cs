using System.Linq;

namespace AtlasApiKeys.StubServer;

/// <summary>The demo organization: an admin key, a service account, two projects, and keys that
/// hold roles in several projects and in the org (so per-project role filtering shows).</summary>
public sealed class StubSeed
{
    private StubSeed(StubState state)
    {
        Production = state.AddProject("demo-production");
        Staging = state.AddProject("demo-staging");
        Admin = state.AddKey("demo admin", ["ORG_OWNER"], (Production.Id, ["GROUP_OWNER"]), (Staging.Id, ["GROUP_OWNER"]));
        ServiceAccount = state.AddServiceAccount();
        state.AddKey("ci deploy", ["ORG_MEMBER"], (Production.Id, ["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"]), (Staging.Id, ["GROUP_OWNER"]));
        state.AddKey("tmp-load-test", ["ORG_READ_ONLY"], (Staging.Id, ["GROUP_DATA_ACCESS_READ_WRITE"]));
        state.AddKey("monitoring", ["ORG_MEMBER"], (Production.Id, ["GROUP_OBSERVABILITY_VIEWER"]));
        Unassigned = state.AddKey("unassigned org key", ["ORG_MEMBER"]);
    }

    public StubProject Production { get; }

    public StubProject Staging { get; }

    public StubKey Admin { get; }

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
}
