using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Project names resolved to ids (getGroupByName), once per session and name: a later command
/// on the same session sends no request for a name it has seen. A failed look-up is not kept.</summary>
internal static class ProjectNameCache
{
    private static readonly ConditionalWeakTable<AtlasSession, ConcurrentDictionary<string, Task<string>>> Sessions = new();

    /// <summary>The id of the project named <paramref name="name"/> as <paramref name="session"/> sees it.</summary>
    public static async Task<string> IdOfAsync(AtlasSession session, string name, CancellationToken cancellationToken)
    {
        var names = Sessions.GetValue(session, _ => new ConcurrentDictionary<string, Task<string>>(StringComparer.Ordinal));
        var lookup = names.GetOrAdd(name, n => LookUpAsync(session, n, cancellationToken));
        try
        {
            return await lookup.ConfigureAwait(false);
        }
        catch
        {
            names.TryRemove(name, out _);   // not found, or failed: ask again next time
            throw;
        }
    }

    /// <summary>Remembers ids a listing showed (completion's listGroups), so a later -ProjectName needs no request.</summary>
    public static void Remember(AtlasSession session, string name, string id) =>
        Sessions.GetValue(session, _ => new ConcurrentDictionary<string, Task<string>>(StringComparer.Ordinal)).TryAdd(name, Task.FromResult(id));

    private static async Task<string> LookUpAsync(AtlasSession session, string name, CancellationToken cancellationToken) =>
        (await session.Organization.GetProjectByNameAsync(name, cancellationToken).ConfigureAwait(false)).Id;
}
