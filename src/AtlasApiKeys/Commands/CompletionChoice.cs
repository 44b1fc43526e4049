using System;
using System.Linq;
using System.Management.Automation;

namespace AtlasApiKeys.Commands;

/// <summary>One value a completer offers: the text Tab inserts, the list item, the tooltip, and the
/// texts a typed prefix may match (the id, a name, a description).</summary>
internal sealed class CompletionChoice(string text, string listText, string toolTip, params string?[] matches)
{
    public string Text { get; } = text;

    public bool Matches(string prefix) =>
        prefix.Length == 0 || Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        || matches.Any(m => m is not null && m.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public CompletionResult ToResult() => new(Text, listText.Length == 0 ? Text : listText, CompletionResultType.ParameterValue, toolTip.Length == 0 ? Text : toolTip);
}
