using System.Collections.Generic;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>A parameter set of the SYNTAX section, with the parameters in the order its syntax line names them.</summary>
internal sealed record SyntaxSet(string Name, bool IsDefault, IReadOnlyList<string> ParameterOrder);
