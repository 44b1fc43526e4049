using System;
using System.Linq;
using System.Collections;
using System.Collections.Generic;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Completes -ApiKeyId with the keys of the project (the command line's -ProjectId or
/// -ProjectName, else the session's default project), for Add-AtlasProjectApiKey the organization's keys
/// not on that project yet, or, for the organization cmdlets (*-AtlasOrg*,
/// *-AtlasApiKeyAccessListEntry),
/// of the organization (-OrgId, else the session's); each with its public key and description, and a
/// typed prefix matches any of the three.</summary>
public sealed class ApiKeyIdCompleter : AtlasCompleter
{
    private protected override IEnumerable<CompletionChoice> Choices(AtlasSession session, string commandName, IDictionary fakeBoundParameters)
    {
        if (commandName.IndexOf("-AtlasOrg", StringComparison.OrdinalIgnoreCase) >= 0 || commandName.EndsWith("AccessListEntry", StringComparison.OrdinalIgnoreCase))
        {
            var orgId = BoundId(fakeBoundParameters, "OrgId");
            return CompletionCache.Get(session, "orgkeys:" + orgId, cancellationToken => Collect(async (choices, token) =>
            {
                var org = await session.Organization.ResolveOrgIdAsync(orgId, EnvironmentSession.OrgIdFrom(Environment.GetEnvironmentVariable), null, token).ConfigureAwait(false);
                await OrgListing.ForEachKeyPageAsync(session.Organization, org, null, page =>
                {
                    foreach (var key in page.Items)
                    {
                        choices.Add(Choice(key.Id, key.PublicKey, key.Description));
                    }

                    return choices.Count < 500;
                }, token).ConfigureAwait(false);
            }, cancellationToken));
        }

        var projectId = BoundId(fakeBoundParameters, "ProjectId");
        var projectName = projectId is null ? Bound(fakeBoundParameters, "ProjectName") : null;
        projectId ??= projectName is null ? session.DefaultProjectId : null;
        if (projectId is null && projectName is null)
        {
            return [];
        }

        if (string.Equals(commandName, "Add-AtlasProjectApiKey", StringComparison.OrdinalIgnoreCase))
        {
            // The keys it can add: the organization's keys that are not on the project yet.
            return CompletionCache.Get(session, projectId is not null ? "addable:" + projectId : "addable-of-name:" + projectName, cancellationToken => Collect(async (choices, token) =>
            {
                var project = projectId ?? (await session.Organization.GetProjectByNameAsync(projectName!, token).ConfigureAwait(false)).Id;
                var org = await session.Organization.ResolveOrgIdAsync(BoundId(fakeBoundParameters, "OrgId"), EnvironmentSession.OrgIdFrom(Environment.GetEnvironmentVariable), project, token).ConfigureAwait(false);
                await OrgListing.ForEachKeyPageAsync(session.Organization, org, null, page =>
                {
                    foreach (var key in page.Items)
                    {
                        if (!key.Assignments.Any(a => string.Equals(a.ProjectId, project, StringComparison.OrdinalIgnoreCase)))
                        {
                            choices.Add(Choice(key.Id, key.PublicKey, key.Description));
                        }
                    }

                    return choices.Count < 500;
                }, token).ConfigureAwait(false);
            }, cancellationToken));
        }

        return CompletionCache.Get(session, projectId is not null ? "keys:" + projectId : "keys-of-name:" + projectName, cancellationToken => Collect(async (choices, token) =>
        {
            var project = projectId ?? (await session.Organization.GetProjectByNameAsync(projectName!, token).ConfigureAwait(false)).Id;
            await KeyListing.ForEachPageAsync(session.ApiKeys, project, null, page =>
            {
                foreach (var key in page.Items)
                {
                    choices.Add(Choice(key.Id, key.PublicKey, key.Description));
                }

                return choices.Count < 500;
            }, token).ConfigureAwait(false);
        }, cancellationToken));
    }

    private static CompletionChoice Choice(string id, string publicKey, string? description) =>
        new(id, $"{publicKey} {description}".TrimEnd(), $"{description ?? "(no description)"}: public key {publicKey}, id {id}", publicKey, description);
}
