using System.Collections.Generic;

namespace AtlasApiKeys.Core.Model;

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
