using System;
using System.Collections.Generic;
using System.Security;
using System.Text.Json;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core.Wire;

/// <summary>Keeps every project's roles, grouped per project in the order the answer names them. A
/// project id met before (on this key or an earlier one of the answer) is matched as bytes and shared.</summary>
internal sealed class OrgKeyShape(string orgId) : KeyShape<OrgApiKey>
{
    private readonly List<(byte[] Utf8, string Id)> projects = [];
    private readonly List<(string Project, List<string> Roles)> assignments = [];

    public override string? Project(ref Utf8JsonReader reader)
    {
        foreach (var (utf8, id) in projects)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return id;
            }
        }

        var text = reader.GetString() ?? string.Empty;
        var lower = text.ToLowerInvariant();
        foreach (var (_, id) in projects)
        {
            if (string.Equals(id, lower, StringComparison.Ordinal))
            {
                return id;   // the same project in other letter case
            }
        }

        projects.Add((System.Text.Encoding.UTF8.GetBytes(text), lower));
        return lower;
    }

    public override void AddProjectRole(string project, string role)
    {
        foreach (var (id, roles) in assignments)
        {
            if (ReferenceEquals(id, project))
            {
                roles.Add(role);
                return;
            }
        }

        assignments.Add((project, new List<string> { role }));
    }

    public override OrgApiKey Build(string id, string publicKey, string? description, SecureString? privateKey)
    {
        var byProject = new ApiKeyAssignment[assignments.Count];
        for (var i = 0; i < byProject.Length; i++)
        {
            byProject[i] = new ApiKeyAssignment(assignments[i].Project, id, assignments[i].Roles.ToArray());
        }

        var key = new OrgApiKey(id, publicKey, description, orgId, OrgRoles.ToArray(), byProject);
        assignments.Clear();
        OrgRoles.Clear();
        return key;
    }
}
