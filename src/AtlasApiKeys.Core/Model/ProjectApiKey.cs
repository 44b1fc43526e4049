using System.Collections.Generic;
using System.Security;

namespace AtlasApiKeys.Core.Model;

/// <summary>An organization API key as seen from one project.</summary>
public sealed class ProjectApiKey
{
    /// <summary>Creates a key view.</summary>
    public ProjectApiKey(
        string id,
        string publicKey,
        string? description,
        string projectId,
        IReadOnlyList<string> roles,
        IReadOnlyList<string> orgRoles,
        SecureString? privateKey = null)
    {
        Id = id;
        PublicKey = publicKey;
        Description = description;
        ProjectId = projectId;
        Roles = RoleList.From(roles);
        OrgRoles = RoleList.From(orgRoles);
        PrivateKey = privateKey;
    }

    /// <summary>The key's 24-hex-digit id (the API's apiUserId).</summary>
    public string Id { get; }

    /// <summary>The 8-character public key.</summary>
    public string PublicKey { get; }

    /// <summary>The key's description.</summary>
    public string? Description { get; }

    /// <summary>The project this view belongs to.</summary>
    public string ProjectId { get; }

    /// <summary>The role names the key holds in <see cref="ProjectId"/> only (a <see cref="RoleList"/>:
    /// space-separated as text, so a CSV keeps them).</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The organization role names the key holds (a <see cref="RoleList"/>).</summary>
    public IReadOnlyList<string> OrgRoles { get; }

    /// <summary>The private key: only on the object a create returned, never again.</summary>
    public SecureString? PrivateKey { get; }

    /// <inheritdoc />
    public override string ToString() => $"{PublicKey} ({Id})";
}
