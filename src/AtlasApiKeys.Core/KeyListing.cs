using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core;

/// <summary>Listings beyond one project's pages: the pages that cover a window of the output
/// (-Skip, -First), and several projects listed at once and handed back in input order.</summary>
public static class KeyListing
{
    /// <summary>The page size and first page that cover <paramref name="skip"/> and <paramref name="first"/>
    /// with the fewest requests, fetching no page past the window; for a <paramref name="first"/> of 0, one
    /// page of one item (what -IncludeTotalCount needs for the total).</summary>
    public static ListOptions Plan(ulong skip, ulong first)
    {
        if (first == 0)
        {
            return new ListOptions { ItemsPerPage = 1, StartPage = 1, MaxPages = 1 };
        }

        var perPage = first < 500 && skip % first == 0 ? (int)Math.Max(first, 1) : 500;
        var startPage = (int)Math.Min(skip / (ulong)perPage, int.MaxValue - 1) + 1;
        int? maxPages = first == ulong.MaxValue
            ? null
            : (int)Math.Min(((skip % (ulong)perPage) + first + (ulong)perPage - 1) / (ulong)perPage, int.MaxValue);
        return new ListOptions { ItemsPerPage = perPage, StartPage = startPage, MaxPages = maxPages };
    }

    /// <summary>Every page of each project, the projects listed concurrently (at most
    /// <paramref name="throttleLimit"/> at once, started in input order) and yielded in input order; a
    /// project that fails yields its failure after whatever pages it had. Each project reads at most
    /// <see cref="PagesAhead"/> pages ahead of the consumer. Stopping the enumeration cancels the rest.</summary>
    public static async IAsyncEnumerable<ProjectPageResult> InOrderAsync(IAtlasProjectApiKeyClient client, IReadOnlyList<string> projectIds, int throttleLimit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (client is null || projectIds is null)
        {
            throw new ArgumentNullException(client is null ? nameof(client) : nameof(projectIds));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channels = projectIds.Select(_ => Channel.CreateBounded<ProjectPageResult>(new BoundedChannelOptions(PagesAhead) { SingleReader = true, SingleWriter = true })).ToArray();
        var launcher = LaunchAsync(client, projectIds, channels, Math.Max(1, throttleLimit), stop.Token);
        try
        {
            foreach (var channel in channels)
            {
                while (await channel.Reader.WaitToReadAsync(stop.Token).ConfigureAwait(false))
                {
                    while (channel.Reader.TryRead(out var part))
                    {
                        yield return part;
                    }
                }
            }
        }
        finally
        {
            stop.Cancel();
            await launcher.ConfigureAwait(false);
        }
    }

    /// <summary>How many pages a project of <see cref="InOrderAsync"/> may hold that the consumer has not taken.</summary>
    public const int PagesAhead = 2;

    /// <summary>Hands each page of one project to <paramref name="onPage"/> as it arrives (the next one
    /// is already on its way) until the listing ends or <paramref name="onPage"/> returns false.
    /// For callers that cannot name IAsyncEnumerable (the module assembly: see DependencyLoader).</summary>
    public static async Task ForEachPageAsync(IAtlasProjectApiKeyClient client, string projectId, ListOptions? options, Func<AtlasPage<ProjectApiKey>, bool> onPage, CancellationToken cancellationToken = default)
    {
        if (client is null || onPage is null)
        {
            throw new ArgumentNullException(client is null ? nameof(client) : nameof(onPage));
        }

        await foreach (var page in client.ListPagesAsync(projectId, options, cancellationToken).ConfigureAwait(false))
        {
            if (!onPage(page))
            {
                return;
            }
        }
    }

    /// <summary><see cref="InOrderAsync"/>, each step handed to <paramref name="onPart"/> until it returns false.</summary>
    public static async Task ForEachInOrderAsync(IAtlasProjectApiKeyClient client, IReadOnlyList<string> projectIds, int throttleLimit, Func<ProjectPageResult, bool> onPart, CancellationToken cancellationToken = default)
    {
        if (onPart is null)
        {
            throw new ArgumentNullException(nameof(onPart));
        }

        await foreach (var part in InOrderAsync(client, projectIds, throttleLimit, cancellationToken).ConfigureAwait(false))
        {
            if (!onPart(part))
            {
                return;
            }
        }
    }

    /// <summary>Starts the projects' producers in input order, each when a slot is free (so the
    /// consumer's project has always started, or will next). Never throws.</summary>
    private static async Task LaunchAsync(IAtlasProjectApiKeyClient client, IReadOnlyList<string> projectIds, Channel<ProjectPageResult>[] channels, int throttleLimit, CancellationToken token)
    {
        using var slots = new SemaphoreSlim(throttleLimit);
        var producers = new List<Task>();
        var started = 0;
        try
        {
            for (; started < projectIds.Count; started++)
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
                producers.Add(ProduceAsync(client, projectIds[started], channels[started].Writer, slots, token));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            for (var i = started; i < channels.Length; i++)
            {
                channels[i].Writer.TryComplete();
            }
        }

        await Task.WhenAll(producers).ConfigureAwait(false);
    }

    /// <summary>Lists one project into its channel, then frees its slot. Never throws.</summary>
    private static async Task ProduceAsync(IAtlasProjectApiKeyClient client, string project, ChannelWriter<ProjectPageResult> writer, SemaphoreSlim slots, CancellationToken token)
    {
        try
        {
            var first = true;
            await foreach (var page in client.ListPagesAsync(project, null, token).ConfigureAwait(false))
            {
                await writer.WriteAsync(new ProjectPageResult(project, page, first, null), token).ConfigureAwait(false);
                first = false;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            try
            {
                await writer.WriteAsync(new ProjectPageResult(project, null, false, ex), token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
        }
        finally
        {
            writer.TryComplete();
            slots.Release();
        }
    }
}
