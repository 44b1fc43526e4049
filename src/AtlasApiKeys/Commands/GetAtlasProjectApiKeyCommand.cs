using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Get-AtlasProjectApiKey: every key of one or more projects, streamed page by page; several
/// projects are listed concurrently (at most -ThrottleLimit at once) and written in input order.</summary>
[Cmdlet(VerbsCommon.Get, "AtlasProjectApiKey", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(ProjectApiKey))]
public sealed class GetAtlasProjectApiKeyCommand : AtlasCmdletBase
{
    /// <summary>Every key of the projects.</summary>
    public const string ListSet = "List";

    /// <summary>One key.</summary>
    public const string OneSet = "One";

    /// <summary>The projects (default: the session's).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateNotNullOrEmpty]
    [ValidateAtlasId("ProjectId")]
    [ArgumentCompleter(typeof(ProjectIdCompleter))]
    public string[]? ProjectId { get; set; }

    /// <summary>The projects by name (getGroupByName, once per session), instead of -ProjectId.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 64)]
    [ArgumentCompleter(typeof(ProjectNameCompleter))]
    public string[]? ProjectName { get; set; }

    /// <summary>The one key to get.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OneSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ValidateAtlasId("ApiKeyId")]
    [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
    public string ApiKeyId { get; set; } = null!;

    /// <summary>How many projects are listed at once.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 4;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (WritesNothing)
        {
            return;
        }

        IReadOnlyList<string> projects;
        try
        {
            projects = ProjectName is { Length: > 0 } ? await ProjectIdsByNameAsync(ProjectName, cancellationToken).ConfigureAwait(false)
                : ProjectId is { Length: > 0 } ? ProjectId : [ProjectIdOrDefault(null)];
        }
        catch (ArgumentException ex)
        {
            WriteItemError(ex, null);
            return;
        }

        if (projects.Count == 0)
        {
            return;   // no name was found: each has its error
        }

        var window = new OutputWindow(PagingParameters.Skip, PagingParameters.First);
        if (ParameterSetName == OneSet)
        {
            foreach (var project in projects)
            {
                try
                {
                    await WriteFoundAsync(project, ApiKeyId, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsItemFailure(ex))
                {
                    WriteItemError(ex, project);
                }
            }
        }
        else if (projects.Count == 1)
        {
            await ListOneAsync(projects[0], window, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ListManyAsync(projects, window, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ListOneAsync(string project, OutputWindow window, CancellationToken cancellationToken)
    {
        var options = KeyListing.Plan(window.Skip, window.First);
        window.Skip -= (ulong)(options.StartPage - 1) * (ulong)options.ItemsPerPage;
        WriteVerbose($"Listing the API keys of project {project}, {options.ItemsPerPage} a page from page {options.StartPage}.");
        try
        {
            var first = true;
            await KeyListing.ForEachPageAsync(Client, project, options, page =>
            {
                if (first && PagingParameters.IncludeTotalCount)
                {
                    WriteTotalCount(page.TotalCount ?? page.Items.Count);
                }

                first = false;
                return window.Write(page.Items, WriteObject);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, project);
        }
    }

    private async Task ListManyAsync(IReadOnlyList<string> projects, OutputWindow window, CancellationToken cancellationToken)
    {
        if (window.First == 0)
        {
            await CountManyAsync(projects, cancellationToken).ConfigureAwait(false);
            return;
        }

        WriteVerbose($"Listing the API keys of {projects.Count} projects, {ThrottleLimit} at once.");
        long total = 0;
        var complete = true;
        await KeyListing.ForEachInOrderAsync(Client, projects, ThrottleLimit, part =>
        {
            if (part.Error is { } error)
            {
                WriteItemError(error, part.ProjectId);
                return true;
            }

            if (part.IsFirstPage)
            {
                total += part.Page!.TotalCount ?? 0;
            }

            complete = window.Write(part.Page!.Items, WriteObject);
            return complete;
        }, cancellationToken).ConfigureAwait(false);

        if (complete && PagingParameters.IncludeTotalCount)
        {
            WriteTotalCount(total);
        }
    }

    /// <summary>-First 0 -IncludeTotalCount over several projects: one page of one key from each, for its total.</summary>
    private async Task CountManyAsync(IReadOnlyList<string> projects, CancellationToken cancellationToken)
    {
        WriteVerbose($"Counting the API keys of {projects.Count} projects.");
        long total = 0;
        foreach (var project in projects)
        {
            try
            {
                await KeyListing.ForEachPageAsync(Client, project, KeyListing.Plan(0, 0), page =>
                {
                    total += page.TotalCount ?? page.Items.Count;
                    return false;
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                WriteItemError(ex, project);
            }
        }

        WriteTotalCount(total);
    }

    private void WriteTotalCount(long total) => WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(total, 0), 1.0));
}
