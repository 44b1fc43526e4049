using System.Management.Automation;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Checks a description at binding time: 1 to 250 characters.</summary>
public sealed class ValidateAtlasDescriptionAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) =>
        ValidateAtlasIdAttribute.Throw(AtlasValidation.CheckDescription((arguments is PSObject ps ? ps.BaseObject : arguments)?.ToString(), "Description"));
}
