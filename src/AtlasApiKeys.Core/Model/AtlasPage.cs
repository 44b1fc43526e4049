using System.Collections.Generic;

namespace AtlasApiKeys.Core.Model;

/// <summary>One page of any listing.</summary>
public sealed class AtlasPage<T>
{
    /// <summary>Creates a page.</summary>
    public AtlasPage(int pageNum, IReadOnlyList<T> items, int? totalCount, bool hasNext)
    {
        PageNum = pageNum;
        Items = items;
        TotalCount = totalCount;
        HasNext = hasNext;
    }

    /// <summary>The 1-based page number.</summary>
    public int PageNum { get; }

    /// <summary>The items on this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The server's count of all items, when asked for.</summary>
    public int? TotalCount { get; }

    /// <summary>Whether another page follows.</summary>
    public bool HasNext { get; }
}
