using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AtlasApiKeys.Commands;

/// <summary>Splits role names given as one text (a CSV cell such as <c>GROUP_OWNER GROUP_READ_ONLY</c>,
/// as Export-Csv writes a key's Roles) at spaces, commas and semicolons; anything else passes unchanged
/// to the role validation.</summary>
public sealed class SplitRolesAttribute : ArgumentTransformationAttribute
{
    private static readonly char[] Separators = [' ', '\t', ',', ';'];

    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var values = ValidateAtlasIdAttribute.Values(inputData).ToList();
        if (!values.Any(v => v is not null && v.IndexOfAny(Separators) >= 0))
        {
            return inputData;
        }

        var names = new List<string>();
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            names.AddRange(value.Split(Separators, StringSplitOptions.RemoveEmptyEntries));
        }

        return names.ToArray();
    }
}
