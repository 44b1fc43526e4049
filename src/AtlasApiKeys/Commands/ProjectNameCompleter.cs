using System.Collections;
using System.Collections.Generic;
using System.Linq;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Completes -ProjectName with the names of the projects the session sees (listGroups),
/// quoted where PowerShell needs it.</summary>
public sealed class ProjectNameCompleter : AtlasCompleter
{
    private protected override IEnumerable<CompletionChoice> Choices(AtlasSession session, string commandName, IDictionary fakeBoundParameters) =>
        Projects(session).Select(p => new CompletionChoice(Quote(p.Name), p.Name, $"{p.Name}: project {p.Id}", p.Name));

    /// <summary>A bare word when it is one, else in single quotes.</summary>
    internal static string Quote(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.') && !char.IsDigit(name[0]) && name[0] != '-'
            ? name
            : "'" + name.Replace("'", "''") + "'";
}
