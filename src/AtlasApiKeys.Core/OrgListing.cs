using System;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core;

/// <summary>The organization's listings handed to callbacks, for callers that cannot name
/// IAsyncEnumerable (the module assembly: see DependencyLoader). Each callback returns false to stop.</summary>
public static class OrgListing
{
    /// <summary>Each page of the organization's keys (listOrgApiKeys) as it arrives.</summary>
    public static async Task ForEachKeyPageAsync(IAtlasOrganizationClient client, string orgId, ListOptions? options, Func<AtlasPage<OrgApiKey>, bool> onPage, CancellationToken cancellationToken = default)
    {
        Check(client, onPage);
        await foreach (var page in client.ListApiKeyPagesAsync(orgId, options, cancellationToken).ConfigureAwait(false))
        {
            if (!onPage(page))
            {
                return;
            }
        }
    }

    /// <summary>Each entry of one key's API access list (all pages).</summary>
    public static async Task ForEachAccessListEntryAsync(IAtlasOrganizationClient client, string orgId, string apiKeyId, Func<ApiKeyAccessListEntry, bool> onEntry, CancellationToken cancellationToken = default)
    {
        Check(client, onEntry);
        await foreach (var entry in client.ListAccessListAsync(orgId, apiKeyId, null, cancellationToken).ConfigureAwait(false))
        {
            if (!onEntry(entry))
            {
                return;
            }
        }
    }

    /// <summary>Each project the credentials can see (listGroups, all pages).</summary>
    public static async Task ForEachProjectAsync(IAtlasOrganizationClient client, ListOptions? options, Func<AtlasProject, bool> onProject, CancellationToken cancellationToken = default)
    {
        Check(client, onProject);
        await foreach (var project in client.ListProjectsAsync(options, cancellationToken).ConfigureAwait(false))
        {
            if (!onProject(project))
            {
                return;
            }
        }
    }

    private static void Check(IAtlasOrganizationClient client, object callback)
    {
        if (client is null || callback is null)
        {
            throw new ArgumentNullException(client is null ? nameof(client) : "callback");
        }
    }
}
