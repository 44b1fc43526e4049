using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AtlasApiKeys.Commands;

/// <summary>Splits role names given as one text (a CSV cell such as <c>GROUP_OWNER GROUP_READ_ONLY</c>,
/// as Export-Csv writes a key's Roles) at spaces, commas and semicolons between names; any other value
/// goes unchanged to the role validation (so ' GROUP_OWNER' is still refused).</summary>
public sealed class SplitRolesAttribute : ArgumentTransformationAttribute
{
    private static readonly char[] Separators = [' ', '\t', ',', ';'];

    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var values = ValidateAtlasIdAttribute.Values(inputData).ToList();
        if (!values.Any(HasInnerSeparator))
        {
            return inputData;
        }

        var names = new List<string?>();
        foreach (var value in values)
        {
            if (HasInnerSeparator(value))
            {
                names.AddRange(value!.Split(Separators, StringSplitOptions.RemoveEmptyEntries));
            }
            else
            {
                names.Add(value);
            }
        }

        return names.ToArray();
    }

    private static bool HasInnerSeparator(string? value) => value is not null && value.Trim().IndexOfAny(Separators) >= 0;
}
