using System.Management.Automation;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Checks project role names at binding time: GROUP_ and capitals (after <see cref="AtlasRoleCaseAttribute"/>
/// has put a name given in another case in capitals). The message names
/// <see cref="ParameterName"/> (Role unless given).</summary>
public sealed class ValidateAtlasRoleAttribute : ValidateArgumentsAttribute
{
    /// <summary>Checks a -Role parameter.</summary>
    public ValidateAtlasRoleAttribute()
        : this("Role")
    {
    }

    /// <summary>Checks the parameter named <paramref name="parameterName"/>.</summary>
    public ValidateAtlasRoleAttribute(string parameterName) => ParameterName = parameterName;

    /// <summary>The parameter named in the message.</summary>
    public string ParameterName { get; }

    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) =>
        ValidateAtlasIdAttribute.Throw(AtlasValidation.CheckProjectRoles([.. ValidateAtlasIdAttribute.Values(arguments)], ParameterName));
}
