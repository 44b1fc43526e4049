using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>The base of the completers that ask Atlas: the session the command would use (-Session when
/// the command line binds one, else Connect-Atlas's, else the environment's; none: nothing offered),
/// listings through <see cref="CompletionCache"/> (bounded in time, cached briefly), never an error.</summary>
public abstract class AtlasCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        try
        {
            var session = SessionFor(fakeBoundParameters);
            return session is null ? [] : [.. Choices(session, commandName ?? string.Empty, fakeBoundParameters).Where(c => c.Matches(prefix)).Select(c => c.ToResult())];
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TerminatingErrorException)
        {
            return [];   // a bad variable, a disposed session: Tab offers nothing rather than an error
        }
    }

    /// <summary>What to offer for the session and the command line's other values.</summary>
    private protected abstract IEnumerable<CompletionChoice> Choices(AtlasSession session, string commandName, IDictionary fakeBoundParameters);

    /// <summary>The projects the session sees (listGroups, at most 500), cached; the session's
    /// organization client remembers their names, so a later -ProjectName sends nothing.</summary>
    private protected static IReadOnlyList<AtlasProject> Projects(AtlasSession session) =>
        CompletionCache.Get(session, "projects", async cancellationToken =>
        {
            var projects = new List<AtlasProject>();
            await OrgListing.ForEachProjectAsync(session.Organization, null, project =>
            {
                projects.Add(project);
                return projects.Count < 500;
            }, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<AtlasProject>)projects;
        });

    /// <summary>A parameter's value on the command line as text (the first of several), or null.</summary>
    private protected static string? Bound(IDictionary? fakeBoundParameters, string name)
    {
        if (fakeBoundParameters is null || !fakeBoundParameters.Contains(name))
        {
            return null;
        }

        var value = ValidateAtlasIdAttribute.Values(fakeBoundParameters[name]).FirstOrDefault();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>An id on the command line when it is a well-formed one, else null.</summary>
    private protected static string? BoundId(IDictionary? fakeBoundParameters, string name) =>
        Bound(fakeBoundParameters, name) is { } id && AtlasValidation.CheckId(id, name) is null ? id : null;

    private static AtlasSession? SessionFor(IDictionary? fakeBoundParameters)
    {
        if (fakeBoundParameters is not null && fakeBoundParameters.Contains("Session"))
        {
            var given = fakeBoundParameters["Session"];
            return (given is PSObject ps ? ps.BaseObject : given) as AtlasSession;
        }

        return SessionStore.Default.TryCurrent(AtlasCmdletBase.Scope, Environment.GetEnvironmentVariable, out _);
    }

    /// <summary>Runs a listing to a list, for <see cref="CompletionCache.Get"/>.</summary>
    private protected static async Task<IReadOnlyList<CompletionChoice>> Collect(Func<List<CompletionChoice>, CancellationToken, Task> list, CancellationToken cancellationToken)
    {
        var choices = new List<CompletionChoice>();
        await list(choices, cancellationToken).ConfigureAwait(false);
        return choices;
    }
}
