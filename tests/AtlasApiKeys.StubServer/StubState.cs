using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace AtlasApiKeys.StubServer;

/// <summary>The stub's in-memory organization: projects, org API keys and their role assignments.
/// Every method takes the one lock, so concurrent requests see a consistent state.</summary>
public sealed partial class StubState
{
    /// <summary>The project roles Atlas accepts (the list the spec carried until 2026-02).</summary>
    public static readonly IReadOnlySet<string> ProjectRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        "GROUP_BACKUP_MANAGER", "GROUP_CLUSTER_MANAGER", "GROUP_DATA_ACCESS_ADMIN",
        "GROUP_DATA_ACCESS_READ_ONLY", "GROUP_DATA_ACCESS_READ_WRITE", "GROUP_DATABASE_ACCESS_ADMIN",
        "GROUP_OBSERVABILITY_VIEWER", "GROUP_OWNER", "GROUP_READ_ONLY", "GROUP_SEARCH_INDEX_EDITOR",
        "GROUP_STREAM_PROCESSING_OWNER",
    };

    /// <summary>The most keys an organization holds (Atlas's documented limit); a create past it is refused.</summary>
    public const int MaxApiKeysPerOrg = 500;

    private readonly object gate = new();
    private readonly Dictionary<string, StubOrg> orgs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StubProject> projects = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, StubKey> keys = new(StringComparer.Ordinal);   // creation order survives deletes
    private readonly Dictionary<string, StubServiceAccount> serviceAccounts = new(StringComparer.Ordinal);

    public StubState()
    {
        OrgId = AddOrganization("demo-organization").Id;
    }

    /// <summary>The default organization: projects, keys and service accounts go there unless told otherwise.</summary>
    public string OrgId { get; }

    /// <summary>Grows with every change, so rendered pages can be cached until the next one.</summary>
    public long Version => Interlocked.Read(ref version);

    private long version;

    public StubOrg AddOrganization(string name, string? id = null)
    {
        lock (gate)
        {
            var org = new StubOrg(id ?? StubIds.NewObjectId(), name);
            orgs.Add(org.Id, org);
            return org;
        }
    }

    /// <summary>Adds a project to <paramref name="orgId"/> (default: <see cref="OrgId"/>).</summary>
    public StubProject AddProject(string name, string? id = null, string? orgId = null)
    {
        lock (gate)
        {
            Interlocked.Increment(ref version);
            var project = new StubProject(id ?? StubIds.NewObjectId(), name, orgs[orgId ?? OrgId].Id);
            projects.Add(project.Id, project);
            return project;
        }
    }

    /// <summary>Adds an org key, optionally with org roles and with roles in projects; it belongs to the
    /// organization of its projects (default: <see cref="OrgId"/>). Seeding is not held to
    /// <see cref="MaxApiKeysPerOrg"/>; only the API's create is.</summary>
    public StubKey AddKey(string description, IEnumerable<string>? orgRoles = null, params (string ProjectId, string[] Roles)[] assignments)
    {
        lock (gate)
        {
            Interlocked.Increment(ref version);
            var orgId = assignments.Length == 0 ? OrgId : projects[assignments[0].ProjectId].OrgId;
            if (assignments.Any(a => projects[a.ProjectId].OrgId != orgId))
            {
                throw new ArgumentException("A key's projects must all belong to one organization.", nameof(assignments));
            }

            var key = NewKey(orgId, description);
            key.OrgRoles.AddRange(orgRoles ?? ["ORG_MEMBER"]);
            keys.Add(key.Id, key);
            foreach (var (projectId, roles) in assignments)
            {
                AssignLocked(key, projects[projectId], roles);
            }

            return key;
        }
    }

    public StubServiceAccount AddServiceAccount(string? orgId = null)
    {
        lock (gate)
        {
            var account = new StubServiceAccount("mdb_sa_id_" + StubIds.NewObjectId(), "mdb_sa_sk_" + Guid.NewGuid().ToString("N")) { OrgId = orgs[orgId ?? OrgId].Id };
            serviceAccounts.Add(account.ClientId, account);
            return account;
        }
    }

    public StubServiceAccount? FindServiceAccount(string clientId)
    {
        lock (gate)
        {
            return serviceAccounts.GetValueOrDefault(clientId);
        }
    }

    public StubKey? FindKeyByPublicKey(string publicKey)
    {
        lock (gate)
        {
            return keys.Values.FirstOrDefault(k => k.PublicKey == publicKey);
        }
    }

    public bool ProjectExists(string projectId)
    {
        lock (gate)
        {
            return projects.ContainsKey(projectId);
        }
    }

    /// <summary>A copy of the project's keys (page of them) and the total, or null for an unknown project.</summary>
    public (List<StubKey> Page, int Total)? ListPage(string projectId, int pageNum, int itemsPerPage)
    {
        lock (gate)
        {
            if (!projects.TryGetValue(projectId, out var project))
            {
                return null;
            }

            var skip = (long)(pageNum - 1) * itemsPerPage;
            var page = skip >= project.KeyIds.Count
                ? []
                : project.KeyIds.Skip((int)skip).Take(itemsPerPage).Select(id => Snapshot(keys[id])).ToList();
            return (page, project.KeyIds.Count);
        }
    }

    /// <summary>createGroupApiKey: a new key in the project's organization, refused past
    /// <see cref="MaxApiKeysPerOrg"/> keys there.</summary>
    public (StubOutcome Outcome, StubKey? Key) Create(string projectId, string description, IReadOnlyList<string> roles)
    {
        lock (gate)
        {
            var project = projects[projectId];
            if (keys.Values.Count(k => k.OrgId == project.OrgId) >= MaxApiKeysPerOrg)
            {
                return (StubOutcome.OrgKeyLimit, null);
            }

            Interlocked.Increment(ref version);
            var key = NewKey(project.OrgId, description);
            key.OrgRoles.Add("ORG_MEMBER");
            keys.Add(key.Id, key);
            AssignLocked(key, project, roles);
            return (StubOutcome.Done, Snapshot(key));
        }
    }

    public StubOutcome Assign(string projectId, string keyId, IReadOnlyList<string> roles)
    {
        lock (gate)
        {
            Interlocked.Increment(ref version);
            if (!keys.TryGetValue(keyId, out var key) || key.OrgId != projects[projectId].OrgId)
            {
                return StubOutcome.KeyNotFound;   // a key of another organization is not found here
            }

            if (key.ProjectRoles.ContainsKey(projectId))
            {
                return StubOutcome.AlreadyInGroup;
            }

            AssignLocked(key, projects[projectId], roles);
            return StubOutcome.Done;
        }
    }

    public (StubOutcome Outcome, StubKey? Key) Update(string projectId, string keyId, string? description, IReadOnlyList<string>? roles)
    {
        lock (gate)
        {
            Interlocked.Increment(ref version);
            if (!keys.TryGetValue(keyId, out var key) || !key.ProjectRoles.ContainsKey(projectId))
            {
                return (StubOutcome.KeyNotFound, null);
            }

            if (description is not null)
            {
                key.Description = description;
            }

            if (roles is not null)
            {
                key.ProjectRoles[projectId] = [.. roles.Distinct(StringComparer.Ordinal)];
            }

            return (StubOutcome.Done, Snapshot(key));
        }
    }

    public StubOutcome Unassign(string projectId, string keyId)
    {
        lock (gate)
        {
            Interlocked.Increment(ref version);
            if (!keys.TryGetValue(keyId, out var key) || !key.ProjectRoles.Remove(projectId))
            {
                return StubOutcome.KeyNotFound;
            }

            projects[projectId].KeyIds.Remove(keyId);
            return StubOutcome.Done;
        }
    }

    /// <summary>A copy of every key, for tests that compare the stub with what callers were told.</summary>
    public List<StubKey> AllKeys()
    {
        lock (gate)
        {
            return keys.Values.Select(Snapshot).ToList();
        }
    }

    /// <summary>Copies of the keys assigned to one project.</summary>
    public List<StubKey> KeysOf(string projectId)
    {
        lock (gate)
        {
            return projects[projectId].KeyIds.Select(id => Snapshot(keys[id])).ToList();
        }
    }

    private static void AssignLocked(StubKey key, StubProject project, IEnumerable<string> roles)
    {
        key.ProjectRoles[project.Id] = [.. roles.Distinct(StringComparer.Ordinal)];
        project.KeyIds.Add(key.Id);
    }

    private static StubKey NewKey(string orgId, string description) =>
        new() { Id = StubIds.NewObjectId(), PublicKey = StubIds.NewPublicKey(), PrivateKey = StubIds.NewPrivateKey(), OrgId = orgId, Description = description };

    private static StubKey Snapshot(StubKey key)
    {
        var copy = new StubKey { Id = key.Id, PublicKey = key.PublicKey, PrivateKey = key.PrivateKey, OrgId = key.OrgId, Description = key.Description };
        copy.OrgRoles.AddRange(key.OrgRoles);
        copy.AccessList.AddRange(key.AccessList.Select(e => e.Copy()));
        foreach (var (projectId, roles) in key.ProjectRoles)
        {
            copy.ProjectRoles[projectId] = [.. roles];
        }

        return copy;
    }
}

public enum StubOutcome
{
    Done,
    KeyNotFound,
    AlreadyInGroup,
    OrgKeyLimit,
    EntryNotFound,
    DuplicateEntry,
    CallerAddress,
}
