using System.Management.Automation;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Checks access-list entries at binding time (each value of an array): an IP address, a CIDR
/// block, or either, with Core's message naming the parameter, so nothing is sent for a bad one.</summary>
public sealed class ValidateAtlasAccessListEntryAttribute(AccessListEntryKind kind, string parameterName) : ValidateArgumentsAttribute
{
    /// <summary>What the parameter accepts.</summary>
    public AccessListEntryKind Kind { get; } = kind;

    /// <summary>The parameter named in the message.</summary>
    public string ParameterName { get; } = parameterName;

    /// <summary>Lets null values through (PowerShell binds <c>$null</c> to an array parameter as one null): for a
    /// parameter where none means no entries (New-AtlasProjectApiKey -AccessList).</summary>
    public bool AllowNullValues { get; set; }

    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        foreach (var value in ValidateAtlasIdAttribute.Values(arguments))
        {
            if (value is not null || !AllowNullValues)
            {
                ValidateAtlasIdAttribute.Throw(Check(value, Kind, ParameterName));
            }
        }
    }

    /// <summary>The problem with one value, or null.</summary>
    internal static string? Check(string? value, AccessListEntryKind kind, string parameterName)
    {
        if (kind == AccessListEntryKind.CidrBlock || (kind == AccessListEntryKind.Either && IsBlock(value)))
        {
            return AtlasValidation.CheckCidrBlock(value, parameterName);
        }

        var problem = AtlasValidation.CheckIpAddress(value, parameterName);
        return kind == AccessListEntryKind.Either && problem is not null && AtlasValidation.ParseAddress(value ?? string.Empty) is null && value?.Trim().Length > 0
            ? $"{parameterName} '{(value!.Length <= 40 ? value : value.Substring(0, 40) + "...")}' is neither an IP address nor a CIDR block: give an address such as 203.0.113.10 or 2001:db8::10, or a block such as 203.0.113.0/24."
            : problem;
    }

    /// <summary>True for a value written as a block (it has a '/').</summary>
    internal static bool IsBlock(string? value) => value?.IndexOf('/') >= 0;
}
