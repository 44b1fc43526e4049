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
        Roles = roles;
        OrgRoles = orgRoles;
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

    /// <summary>The role names the key holds in <see cref="ProjectId"/> only.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The organization role names the key holds.</summary>
    public IReadOnlyList<string> OrgRoles { get; }

    /// <summary>The private key: only on the object a create returned, never again.</summary>
    public SecureString? PrivateKey { get; }

    /// <inheritdoc />
    public override string ToString() => $"{PublicKey} ({Id})";
}

/// <summary>One page of a listing.</summary>
public sealed class ProjectApiKeyPage
{
    /// <summary>Creates a page.</summary>
    public ProjectApiKeyPage(int pageNum, IReadOnlyList<ProjectApiKey> keys, int? totalCount, bool hasNext)
    {
        PageNum = pageNum;
        Keys = keys;
        TotalCount = totalCount;
        HasNext = hasNext;
    }

    /// <summary>The 1-based page number.</summary>
    public int PageNum { get; }

    /// <summary>The keys on this page.</summary>
    public IReadOnlyList<ProjectApiKey> Keys { get; }

    /// <summary>The server's estimate of all keys in the project, when asked for.</summary>
    public int? TotalCount { get; }

    /// <summary>Whether another page follows.</summary>
    public bool HasNext { get; }
}

/// <summary>How to list.</summary>
public sealed class ListOptions
{
    /// <summary>Keys per page, 1..500 (default 500: fewest round trips).</summary>
    public int ItemsPerPage { get; set; } = 500;

    /// <summary>Ask the server for <c>totalCount</c>.</summary>
    public bool IncludeCount { get; set; } = true;

    /// <summary>The first page to fetch (1-based).</summary>
    public int StartPage { get; set; } = 1;

    /// <summary>Stop after this many pages (null: all).</summary>
    public int? MaxPages { get; set; }
}
