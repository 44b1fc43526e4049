using System.Collections.Generic;
using System.Security;
using System.Text.Json;

namespace AtlasApiKeys.Core.Wire;

/// <summary>The key reader's role filter, and the key it builds: which projects' roles a key keeps
/// (<see cref="ProjectKeyShape"/>: one project's; <see cref="OrgKeyShape"/>: every project's) beside
/// its organization roles. One instance reads one answer, key after key: its lists are reused, so a
/// key costs only what it keeps.</summary>
internal abstract class KeyShape<TKey>
    where TKey : class
{
    /// <summary>The key's organization roles so far (cleared by <see cref="Build"/>).</summary>
    protected List<string> OrgRoles { get; } = new(1);

    /// <summary>At a role's <c>groupId</c> string token: the project id the key will hold (lower case),
    /// or null when this shape drops that project's roles.</summary>
    public abstract string? Project(ref Utf8JsonReader reader);

    /// <summary>A role the key holds in <paramref name="project"/> (a value <see cref="Project"/> returned).</summary>
    public abstract void AddProjectRole(string project, string role);

    /// <summary>A role the key holds in the organization.</summary>
    public void AddOrgRole(string role) => OrgRoles.Add(role);

    /// <summary>The key, from its fields and the roles added since the last key; resets the roles.</summary>
    public abstract TKey Build(string id, string publicKey, string? description, SecureString? privateKey);
}
