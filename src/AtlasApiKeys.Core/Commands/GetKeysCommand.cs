using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core.Commands;

/// <summary>The parameters of Get-AtlasProjectApiKey for one pipeline item.</summary>
public sealed class GetKeysRequest
{
    /// <summary>-ProjectId (empty: the session's default).</summary>
    public IReadOnlyList<string> ProjectIds { get; set; } = [];

    /// <summary>-ApiKeyId: the one key.</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>-ThrottleLimit: projects listed at once.</summary>
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>-First (SupportsPaging).</summary>
    public ulong First { get; set; } = ulong.MaxValue;

    /// <summary>-Skip (SupportsPaging).</summary>
    public ulong Skip { get; set; }

    /// <summary>-IncludeTotalCount (SupportsPaging).</summary>
    public bool IncludeTotalCount { get; set; }
}

/// <summary>The logic of Get-AtlasProjectApiKey: streams each project's keys page by page; several
/// projects are listed concurrently (bounded by the throttle) and written in input order.</summary>
public static partial class GetKeysCommand
{
    /// <summary>Runs it.</summary>
    public static Task RunAsync(CommandContext context, GetKeysRequest request) => context.RunAsync(async () =>
    {
        var projects = request.ProjectIds.Count > 0 ? request.ProjectIds.ToList() : [context.ProjectId(null)];
        var valid = new List<string>();
        foreach (var project in projects)
        {
            try
            {
                AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(project, "ProjectId"), "ProjectId");
                if (request.ApiKeyId is not null)
                {
                    AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(request.ApiKeyId, "ApiKeyId"), "ApiKeyId");
                }

                valid.Add(project);
            }
            catch (ArgumentException ex)
            {
                context.Fail(ex, project);
            }
        }

        if (request.ApiKeyId is { } keyId)
        {
            await FindEachAsync(context, valid, keyId).ConfigureAwait(true);
            return;
        }

        var paging = new Paging(request);
        if (valid.Count == 1)
        {
            await ListOneAsync(context, valid[0], paging, request.IncludeTotalCount).ConfigureAwait(true);
        }
        else if (valid.Count > 1)
        {
            await ListManyAsync(context, valid, paging, request).ConfigureAwait(true);
        }
    });

    /// <summary>The page size and first page that cover -Skip and -First with the fewest requests.</summary>
    internal static ListOptions PlanPages(ulong skip, ulong first)
    {
        var perPage = first < 500 && skip % first == 0 ? (int)Math.Max(first, 1) : 500;
        var startPage = (int)Math.Min(skip / (ulong)perPage, int.MaxValue - 1) + 1;
        int? maxPages = first == ulong.MaxValue
            ? null
            : (int)Math.Min(((skip % (ulong)perPage) + first + (ulong)perPage - 1) / (ulong)perPage, int.MaxValue);   // no page fetched past -First
        return new ListOptions { ItemsPerPage = perPage, StartPage = startPage, MaxPages = maxPages };
    }

    private static async Task FindEachAsync(CommandContext context, IReadOnlyList<string> projects, string keyId)
    {
        foreach (var project in projects)
        {
            try
            {
                await ApiKeyCommands.WriteFoundAsync(context, project, keyId).ConfigureAwait(true);
            }
            catch (Exception ex) when (CommandContext.IsItemFailure(ex))
            {
                context.Fail(ex, project);
            }
        }
    }

    private static async Task ListOneAsync(CommandContext context, string project, Paging paging, bool includeTotal)
    {
        var options = PlanPages(paging.Skip, paging.First);
        paging.Skip -= (ulong)(options.StartPage - 1) * (ulong)options.ItemsPerPage;
        context.Sink.WriteVerbose($"Listing the API keys of project {project}, {options.ItemsPerPage} a page from page {options.StartPage}.");
        try
        {
            var first = true;
            await foreach (var page in context.Client.ListPagesAsync(project, options, context.Cancellation).ConfigureAwait(true))
            {
                if (first && includeTotal)
                {
                    context.Sink.WriteTotalCount(page.TotalCount ?? page.Keys.Count);
                }

                first = false;
                if (!paging.Write(context.Sink, page.Keys))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (CommandContext.IsItemFailure(ex))
        {
            context.Fail(ex, project);
        }
    }

    private static async Task ListManyAsync(CommandContext context, IReadOnlyList<string> projects, Paging paging, GetKeysRequest request)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        using var slots = new SemaphoreSlim(Math.Max(1, request.ThrottleLimit));
        var buffers = projects.Select(p => new ProjectBuffer(p)).ToArray();
        var producers = buffers.Select(b => ProduceAsync(context.Client, b, slots, stop.Token)).ToArray();
        long total = 0;
        try
        {
            foreach (var buffer in buffers)
            {
                while (true)
                {
                    var (keys, done, error) = buffer.Take();
                    if (!paging.Write(context.Sink, keys))
                    {
                        return;
                    }

                    if (done)
                    {
                        total += Math.Max(buffer.Total, 0);
                        if (error is not null)
                        {
                            context.Fail(error, buffer.Project);
                        }

                        break;
                    }

                    await buffer.WaitAsync(stop.Token).ConfigureAwait(true);
                }
            }

            if (request.IncludeTotalCount)
            {
                context.Sink.WriteTotalCount(total);
            }
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(producers).ConfigureAwait(true);
        }
    }

    private static async Task ProduceAsync(IAtlasProjectApiKeyClient client, ProjectBuffer buffer, SemaphoreSlim slots, CancellationToken token)
    {
        try
        {
            await slots.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            buffer.Finish(null);
            return;
        }

        try
        {
            await foreach (var page in client.ListPagesAsync(buffer.Project, null, token).ConfigureAwait(false))
            {
                buffer.Add(page);
            }

            buffer.Finish(null);
        }
        catch (Exception ex)
        {
            buffer.Finish(ex is OperationCanceledException && token.IsCancellationRequested ? null : ex);
        }
        finally
        {
            slots.Release();
        }
    }
}
