using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.Core.Wire;

namespace AtlasApiKeys.Core;

/// <summary>Fetches one page: the paging query to send, and the cancellation of this one page.</summary>
internal delegate Task<WirePage<T>> PageFetcher<T>(string query, CancellationToken cancellationToken);

/// <summary>The one paginator every listing uses: the paging query, read-ahead of one page, where to
/// start and when to stop (<see cref="ListOptions"/>, which -First/-Skip plan), and cancellation.</summary>
internal static class Paginator
{
    /// <summary>The options, checked before any request (the default when null).</summary>
    public static ListOptions Check(ListOptions? options)
    {
        options ??= new ListOptions();
        if (options.ItemsPerPage is < 1 or > 500)
        {
            throw new ArgumentException($"ItemsPerPage must be between 1 and 500; it was {options.ItemsPerPage}.", "ItemsPerPage");
        }

        if (options.StartPage < 1)
        {
            throw new ArgumentException($"StartPage must be 1 or more; it was {options.StartPage}.", "StartPage");
        }

        return options;
    }

    /// <summary>Every item of the pages, in order.</summary>
    public static async IAsyncEnumerable<T> Items<T>(IAsyncEnumerable<AtlasPage<T>> pages, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var items = page.Items;
            for (var i = 0; i < items.Count; i++)
            {
                yield return items[i];
            }
        }
    }

    /// <summary>Yields each page as it arrives, while the next one is already being fetched: the
    /// consumer's work overlaps the network's, and at most two pages are held. <paramref name="options"/>
    /// must have passed <see cref="Check"/>.</summary>
    public static async IAsyncEnumerable<AtlasPage<T>> Pages<T>(ListOptions options, PageFetcher<T> fetch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetched = 0;
        var pageNum = options.StartPage;
        Task<AtlasPage<T>>? next = FetchAsync(options, fetch, pageNum, prefetch.Token);
        try
        {
            while (next is not null)
            {
                var page = await next.ConfigureAwait(false);
                next = null;
                fetched++;
                var more = page.HasNext && (options.MaxPages is not { } max || fetched < max);
                if (more)
                {
                    next = FetchAsync(options, fetch, ++pageNum, prefetch.Token);
                }

                yield return page;
            }
        }
        finally
        {
            if (next is not null)
            {
                // The consumer stopped early: drop the page in flight.
                prefetch.Cancel();
                try
                {
                    await next.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or AtlasApiException)
                {
                }
            }
        }
    }

    private static async Task<AtlasPage<T>> FetchAsync<T>(ListOptions options, PageFetcher<T> fetch, int pageNum, CancellationToken cancellationToken)
    {
        var perPage = options.ItemsPerPage;
        var query = string.Format(CultureInfo.InvariantCulture, "includeCount=true&itemsPerPage={0}&pageNum={1}", perPage, pageNum);
        var page = await fetch(query, cancellationToken).ConfigureAwait(false);
        var items = page.Items;
        var hasNext = items.Count > 0
            && (page.NextLink || (items.Count == perPage && (page.TotalCount is not { } total || (long)pageNum * perPage < total)));
        return new AtlasPage<T>(pageNum, items, page.TotalCount, hasNext);
    }
}
