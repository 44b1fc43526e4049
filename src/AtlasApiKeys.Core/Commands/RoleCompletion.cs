using System;
using System.Collections.Generic;
using System.Linq;

namespace AtlasApiKeys.Core.Commands;

/// <summary>Tab completion of project role names.</summary>
public static class RoleCompletion
{
    /// <summary>The known project roles that start with what was typed (any case, quotes ignored).</summary>
    public static IReadOnlyList<string> Complete(string? wordToComplete)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return AtlasValidation.KnownProjectRoles
            .Where(r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}
