using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace AtlasApiKeys.StubServer;

/// <summary>Organizations, their keys and their projects as the organization and project operations see them.</summary>
public sealed partial class StubState
{
    /// <summary>Organization roles that see every project of the organization; other keys see the projects they hold roles in.</summary>
    private static readonly HashSet<string> OrgWideReadRoles = new(StringComparer.Ordinal) { "ORG_OWNER", "ORG_READ_ONLY" };

    /// <summary>A copy of the organization, or null.</summary>
    public StubOrg? Org(string orgId)
    {
        lock (gate)
        {
            return orgs.TryGetValue(orgId, out var org) ? new StubOrg(org.Id, org.Name) { ApiAccessListRequired = org.ApiAccessListRequired } : null;
        }
    }

    /// <summary>Turns the organization's "Require IP Access List for the Atlas Administration API" on or off; false for an unknown organization.</summary>
    public bool SetApiAccessListRequired(string orgId, bool required)
    {
        lock (gate)
        {
            if (!orgs.TryGetValue(orgId, out var org))
            {
                return false;
            }

            org.ApiAccessListRequired = required;
            return true;
        }
    }

    /// <summary>The organization a caller acts in: its key's or its service account's; null when unknown.</summary>
    public string? CallerOrgId(StubCaller caller)
    {
        lock (gate)
        {
            return caller.PublicKey is { } publicKey
                ? keys.Values.FirstOrDefault(k => k.PublicKey == publicKey)?.OrgId
                : caller.ClientId is { } clientId ? serviceAccounts.GetValueOrDefault(clientId)?.OrgId : null;
        }
    }

    /// <summary>listOrgApiKeys: a page of the organization's keys in creation order and the total, or null for an unknown organization.</summary>
    public (List<StubKey> Page, int Total)? OrgKeysPage(string orgId, int pageNum, int itemsPerPage)
    {
        lock (gate)
        {
            if (!orgs.ContainsKey(orgId))
            {
                return null;
            }

            var all = keys.Values.Where(k => k.OrgId == orgId).ToList();
            return (Slice(all, pageNum, itemsPerPage).Select(Snapshot).ToList(), all.Count);
        }
    }

    /// <summary>A copy of one key of the organization, or null.</summary>
    public StubKey? OrgKey(string orgId, string keyId)
    {
        lock (gate)
        {
            return keys.TryGetValue(keyId, out var key) && key.OrgId == orgId ? Snapshot(key) : null;
        }
    }

    /// <summary>deleteOrgApiKey: the key leaves the organization and every project it was on.</summary>
    public StubOutcome DeleteOrgKey(string orgId, string keyId)
    {
        lock (gate)
        {
            if (!keys.TryGetValue(keyId, out var key) || key.OrgId != orgId)
            {
                return StubOutcome.KeyNotFound;
            }

            Interlocked.Increment(ref version);
            foreach (var projectId in key.ProjectRoles.Keys)
            {
                projects[projectId].KeyIds.Remove(keyId);
            }

            keys.Remove(keyId);
            return StubOutcome.Done;
        }
    }

    /// <summary>The project, or null.</summary>
    public StubProject? Project(string projectId)
    {
        lock (gate)
        {
            return projects.GetValueOrDefault(projectId);
        }
    }

    /// <summary>The projects the caller can see with <paramref name="name"/> (Atlas: unique in an organization).</summary>
    public List<StubProject> ProjectsNamed(StubCaller caller, string name)
    {
        lock (gate)
        {
            return VisibleLocked(caller).Where(p => p.Name == name).ToList();
        }
    }

    /// <summary>How many projects the organization has (for seeding to a size).</summary>
    public int ProjectCount(string orgId)
    {
        lock (gate)
        {
            return projects.Values.Count(p => p.OrgId == orgId);
        }
    }

    /// <summary>listGroups: a page of the projects the caller can see, in creation order, and the total.</summary>
    public (List<StubProject> Page, int Total) ProjectsPage(StubCaller caller, int pageNum, int itemsPerPage)
    {
        lock (gate)
        {
            var visible = VisibleLocked(caller).ToList();
            return (Slice(visible, pageNum, itemsPerPage).ToList(), visible.Count);
        }
    }

    /// <summary>A key with ORG_OWNER or ORG_READ_ONLY (and a service account) sees every project of its
    /// organization; any other key sees the projects it holds roles in.</summary>
    private IEnumerable<StubProject> VisibleLocked(StubCaller caller)
    {
        if (caller.PublicKey is { } publicKey)
        {
            var key = keys.Values.FirstOrDefault(k => k.PublicKey == publicKey);
            return key is null
                ? []
                : projects.Values.Where(p => p.OrgId == key.OrgId && (key.OrgRoles.Any(OrgWideReadRoles.Contains) || key.ProjectRoles.ContainsKey(p.Id)));
        }

        var orgId = caller.ClientId is { } clientId ? serviceAccounts.GetValueOrDefault(clientId)?.OrgId : null;
        return projects.Values.Where(p => p.OrgId == orgId);
    }

    private static IEnumerable<T> Slice<T>(IReadOnlyCollection<T> items, int pageNum, int itemsPerPage)
    {
        var skip = (long)(pageNum - 1) * itemsPerPage;
        return skip >= items.Count ? [] : items.Skip((int)skip).Take(itemsPerPage);
    }
}
