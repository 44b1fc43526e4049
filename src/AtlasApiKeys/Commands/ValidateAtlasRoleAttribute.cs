using System.Management.Automation;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Checks project role names at binding time: GROUP_ and capitals.</summary>
public sealed class ValidateAtlasRoleAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) =>
        ValidateAtlasIdAttribute.Throw(AtlasValidation.CheckProjectRoles([.. ValidateAtlasIdAttribute.Values(arguments)], "Role"));
}
