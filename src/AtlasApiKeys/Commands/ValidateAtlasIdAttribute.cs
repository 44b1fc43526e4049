using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Checks a 24-hex-digit id at binding time, with Core's message (a public key gets a hint).</summary>
public sealed class ValidateAtlasIdAttribute(string parameterName) : ValidateArgumentsAttribute
{
    /// <summary>The parameter named in the message.</summary>
    public string ParameterName { get; } = parameterName;

    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        foreach (var value in Values(arguments))
        {
            Throw(AtlasValidation.CheckId(value, ParameterName));
        }
    }

    internal static IEnumerable<string?> Values(object? arguments)
    {
        if (arguments is string text)
        {
            yield return text;
        }
        else if (arguments is IEnumerable items)
        {
            foreach (var item in items)
            {
                yield return (item is PSObject ps ? ps.BaseObject : item)?.ToString();
            }
        }
        else
        {
            yield return (arguments is PSObject ps ? ps.BaseObject : arguments)?.ToString();
        }
    }

    internal static void Throw(string? message)
    {
        if (message is not null)
        {
            throw new ValidationMetadataException(message);
        }
    }
}
