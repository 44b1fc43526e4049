using System;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core;

/// <summary>One step of a listing over several projects (<see cref="KeyListing"/>): a page of one
/// project, or its failure. Not an output type: the cmdlet writes the page's keys.</summary>
public sealed class ProjectPageResult
{
    /// <summary>Creates one.</summary>
    public ProjectPageResult(string projectId, AtlasPage<ProjectApiKey>? page, bool isFirstPage, Exception? error)
    {
        ProjectId = projectId;
        Page = page;
        IsFirstPage = isFirstPage;
        Error = error;
    }

    /// <summary>The project as it was given.</summary>
    public string ProjectId { get; }

    /// <summary>The page (null for a failure).</summary>
    public AtlasPage<ProjectApiKey>? Page { get; }

    /// <summary>True for the project's first page (the one that carries its total count).</summary>
    public bool IsFirstPage { get; }

    /// <summary>Why the project's listing ended early (null for a page).</summary>
    public Exception? Error { get; }
}
