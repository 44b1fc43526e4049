using System.Collections.Generic;

namespace AtlasApiKeys.Core.Model;

/// <summary>An organization key's roles in one project. Its property names are the parameters of
/// Add-, Set- and Remove-AtlasProjectApiKey (ProjectId, Id for -ApiKeyId, Roles for -Role), so
/// <c>$orgKey.Assignments</c> pipes into them by property name.</summary>
public sealed class ApiKeyAssignment
{
    /// <summary>Creates an assignment.</summary>
    public ApiKeyAssignment(string projectId, string id, IReadOnlyList<string> roles)
    {
        ProjectId = projectId;
        Id = id;
        Roles = RoleList.From(roles);
    }

    /// <summary>The project (lower case).</summary>
    public string ProjectId { get; }

    /// <summary>The key's id (the API's apiUserId).</summary>
    public string Id { get; }

    /// <summary>The role names the key holds in <see cref="ProjectId"/>.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary><c>projectId:ROLE_A+ROLE_B</c> (the key's id is its organization key's, left out): short
    /// enough for Format-List and a CSV cell, and free of the spaces and commas a cell splits at.</summary>
    public override string ToString() => $"{ProjectId}:{string.Join("+", Roles)}";
}
