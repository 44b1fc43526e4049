using System.Collections;
using System.Management.Automation;

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
                return role.ToUpperInvariant();
            case IList roles:
                var upper = new object?[roles.Count];
                for (var i = 0; i < roles.Count; i++)
                {
                    var item = roles[i] is PSObject one ? one.BaseObject : roles[i];
                    upper[i] = item is string text ? text.ToUpperInvariant() : roles[i];
                }

                return upper;
            default:
                return inputData;
        }
    }
}
