using System.Collections.Generic;

namespace AtlasApiKeys.Core.Model;

/// <summary>An organization API key with its organization roles and its roles in every project
/// (one <see cref="ApiKeyAssignment"/> per project), as the organization's listing shows it.</summary>
public sealed class OrgApiKey
{
    /// <summary>Creates a key.</summary>
    public OrgApiKey(string id, string publicKey, string? description, string orgId, IReadOnlyList<string> orgRoles, IReadOnlyList<ApiKeyAssignment> assignments)
    {
        Id = id;
        PublicKey = publicKey;
        Description = description;
        OrgId = orgId;
        OrgRoles = RoleList.From(orgRoles);
        Assignments = AssignmentList.From(assignments);
    }

    /// <summary>The key's 24-hex-digit id (the API's apiUserId).</summary>
    public string Id { get; }

    /// <summary>The 8-character public key.</summary>
    public string PublicKey { get; }

    /// <summary>The key's description.</summary>
    public string? Description { get; }

    /// <summary>The organization the key belongs to.</summary>
    public string OrgId { get; }

    /// <summary>The organization role names the key holds.</summary>
    public IReadOnlyList<string> OrgRoles { get; }

    /// <summary>The projects the key is assigned to, each with its roles there, in the order Atlas listed them
    /// (an <see cref="AssignmentList"/>: its text is <c>projectId:ROLE_A+ROLE_B; ...</c>).</summary>
    public IReadOnlyList<ApiKeyAssignment> Assignments { get; }

    /// <inheritdoc />
    public override string ToString() => $"{PublicKey} ({Id})";
}
