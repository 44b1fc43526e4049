using System.Collections.Generic;

namespace AtlasApiKeys.Core.Wire;

/// <summary>One page of a listing as it came over the wire: its items, the server's totalCount when
/// asked for, and whether its links name a next page.</summary>
internal sealed class WirePage<T>(List<T> items, int? totalCount, bool nextLink)
{
    public List<T> Items { get; } = items;

    /// <summary>The items; the name the key listings have always used.</summary>
    public List<T> Keys => Items;

    public int? TotalCount { get; } = totalCount;

    public bool NextLink { get; } = nextLink;
}
