using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>What the completers fetched from Atlas, per session and listing, kept for
/// <see cref="Lifetime"/>. A Tab waits at most <see cref="Deadline"/> for a listing and otherwise offers
/// nothing; the listing goes on (at most <see cref="FetchLimit"/>) and the next Tab uses its answer, so a
/// slow or unreachable Atlas never holds the prompt and a repeated Tab sends no second request.</summary>
internal static class CompletionCache
{
    /// <summary>How long one Tab waits for Atlas.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    /// <summary>How long an answer (or a failure) is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>When a listing nobody waits for any more is cancelled.</summary>
    public static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(30);

    private static readonly ConditionalWeakTable<AtlasSession, Dictionary<string, Entry>> Sessions = new();

    /// <summary>The listing <paramref name="key"/> of <paramref name="session"/>: the cached answer, else
    /// the one <paramref name="fetch"/> gives within the deadline, else empty (a failure is empty too).</summary>
    public static IReadOnlyList<T> Get<T>(AtlasSession session, string key, Func<CancellationToken, Task<IReadOnlyList<T>>> fetch)
    {
        var task = (Task<IReadOnlyList<T>>)EntryFor(session, key, fetch).Fetch;
        try
        {
            return task.Wait(Deadline) ? task.Result : [];
        }
        catch (AggregateException)
        {
            return [];   // Atlas failed or could not be reached: nothing to offer
        }
    }

    /// <summary>The listing in flight or cached for <paramref name="key"/>, if any (for tests: wait for it).</summary>
    public static Task? Pending(AtlasSession session, string key)
    {
        var entries = Sessions.GetValue(session, _ => []);
        lock (entries)
        {
            return entries.TryGetValue(key, out var entry) ? entry.Fetch : null;
        }
    }

    private static Entry EntryFor<T>(AtlasSession session, string key, Func<CancellationToken, Task<IReadOnlyList<T>>> fetch)
    {
        var entries = Sessions.GetValue(session, _ => []);
        lock (entries)
        {
            var now = session.UtcNow;   // the session's clock (AtlasSessionOptions.TimeProvider)
            if (!entries.TryGetValue(key, out var entry) || (entry.Fetch.IsCompleted && now - entry.Made > Lifetime))
            {
                entry = new Entry(Start(fetch), now);
                entries[key] = entry;
            }

            return entry;
        }
    }

    private static Task<IReadOnlyList<T>> Start<T>(Func<CancellationToken, Task<IReadOnlyList<T>>> fetch)
    {
        var limit = new CancellationTokenSource(FetchLimit);
        var task = Task.Run(() => fetch(limit.Token));
        _ = task.ContinueWith(t =>
        {
            _ = t.Exception;   // observed: a failure is an empty completion, never an unobserved exception
            limit.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private sealed class Entry(Task fetch, DateTimeOffset made)
    {
        public Task Fetch { get; } = fetch;

        public DateTimeOffset Made { get; } = made;
    }
}
