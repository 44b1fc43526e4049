using System.Collections;
using System.Collections.Generic;
using System.Linq;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Completes -ProjectId with the ids of the projects the session sees (listGroups), each with
/// its name; a typed prefix matches the id or the name.</summary>
public sealed class ProjectIdCompleter : AtlasCompleter
{
    private protected override IEnumerable<CompletionChoice> Choices(AtlasSession session, string commandName, IDictionary fakeBoundParameters) =>
        Projects(session).Select(p => new CompletionChoice(p.Id, $"{p.Name} ({p.Id})", $"{p.Name}: project {p.Id} in organization {p.OrgId}", p.Name));
}
