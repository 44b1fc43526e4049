using System;
using System.Collections.Generic;
using System.Security;
using System.Text;
using System.Text.Json;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core.Wire;

/// <summary>Keeps one project's roles: a role's project id is compared as bytes, no string is made for it.</summary>
internal sealed class ProjectKeyShape : KeyShape<ProjectApiKey>
{
    private readonly string project;
    private readonly byte[] projectUtf8;
    private readonly List<string> roles = new(2);

    /// <summary>A filter for <paramref name="project"/>, the lower-case project id.</summary>
    public ProjectKeyShape(string project)
    {
        this.project = project;
        projectUtf8 = Encoding.UTF8.GetBytes(project);
    }

    public override string? Project(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals(projectUtf8) || string.Equals(reader.GetString(), project, StringComparison.OrdinalIgnoreCase) ? project : null;

    public override void AddProjectRole(string project, string role) => roles.Add(role);

    public override ProjectApiKey Build(string id, string publicKey, string? description, SecureString? privateKey)
    {
        var key = new ProjectApiKey(id, publicKey, description, project, roles.ToArray(), OrgRoles.ToArray(), privateKey);
        roles.Clear();
        OrgRoles.Clear();
        return key;
    }
}
