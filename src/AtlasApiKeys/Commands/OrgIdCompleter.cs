using System.Collections;
using System.Collections.Generic;
using System.Linq;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Completes -OrgId with the session's default organization and the organizations of the
/// projects the session sees (listGroups), each with the projects in it.</summary>
public sealed class OrgIdCompleter : AtlasCompleter
{
    private protected override IEnumerable<CompletionChoice> Choices(AtlasSession session, string commandName, IDictionary fakeBoundParameters)
    {
        var orgs = Projects(session).GroupBy(p => p.OrgId).ToList();
        if (session.DefaultOrgId is { } fallback && !orgs.Any(o => o.Key == fallback))
        {
            yield return new CompletionChoice(fallback, $"{fallback} (the session's default)", $"Organization {fallback}: the session's default");
        }

        foreach (var org in orgs)
        {
            var names = string.Join(", ", org.Select(p => p.Name));
            var mark = org.Key == session.DefaultOrgId ? " (the session's default)" : string.Empty;
            yield return new CompletionChoice(org.Key, $"{org.Key}{mark}", $"Organization {org.Key}{mark}: projects {names}");
        }
    }
}
