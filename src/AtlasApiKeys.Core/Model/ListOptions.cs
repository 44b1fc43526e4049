namespace AtlasApiKeys.Core.Model;

/// <summary>How to list.</summary>
public sealed class ListOptions
{
    /// <summary>Keys per page, 1..500 (default 500: fewest round trips).</summary>
    public int ItemsPerPage { get; set; } = 500;

    /// <summary>The first page to fetch (1-based).</summary>
    public int StartPage { get; set; } = 1;

    /// <summary>Stop after this many pages (null: all).</summary>
    public int? MaxPages { get; set; }
}
