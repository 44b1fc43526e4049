using System.Collections;
using System.Management.Automation;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>Role names as Atlas spells them: a name given in any case (group_read_only) is bound in
/// capitals, as PowerShell matches names without regard to case; anything else is left to the
/// validation that follows.</summary>
public sealed class AtlasRoleCaseAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case string role:
                return Capitals(role);
            case IList roles:
                var upper = new object?[roles.Count];
                for (var i = 0; i < roles.Count; i++)
                {
                    var item = roles[i] is PSObject one ? one.BaseObject : roles[i];
                    upper[i] = item is string text ? Capitals(text) : roles[i];
                }

                return upper;
            default:
                return inputData;
        }
    }

    /// <summary>The name in capitals when that makes it a role name; else as typed, for the validation to quote.</summary>
    private static string Capitals(string role) => AtlasValidation.IsProjectRoleName(role.ToUpperInvariant()) ? role.ToUpperInvariant() : role;
}
