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
    internal static string? Check(string? value, AccessListEntryKind kind, string parameterName) => kind switch
    {
        AccessListEntryKind.CidrBlock => AtlasValidation.CheckCidrBlock(value, parameterName),
        AccessListEntryKind.Either => AtlasValidation.CheckAddressOrBlock(value, parameterName),
        _ => AtlasValidation.CheckIpAddress(value, parameterName),
    };

    /// <summary>True for a value written as a block (it has a '/').</summary>
    internal static bool IsBlock(string? value) => value?.IndexOf('/') >= 0;
}
