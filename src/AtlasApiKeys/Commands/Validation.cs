using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
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

/// <summary>Checks project role names at binding time: GROUP_ and capitals.</summary>
public sealed class ValidateAtlasRoleAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) =>
        ValidateAtlasIdAttribute.Throw(AtlasValidation.CheckProjectRoles([.. ValidateAtlasIdAttribute.Values(arguments)], "Role"));
}

/// <summary>Checks a description at binding time: 1 to 250 characters.</summary>
public sealed class ValidateAtlasDescriptionAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) =>
        ValidateAtlasIdAttribute.Throw(AtlasValidation.CheckDescription((arguments is PSObject ps ? ps.BaseObject : arguments)?.ToString(), "Description"));
}

/// <summary>Completes project role names.</summary>
public sealed class ProjectRoleCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        foreach (var role in AtlasValidation.KnownProjectRoles.Where(r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new CompletionResult(role, role, CompletionResultType.ParameterValue, role);
        }
    }
}
