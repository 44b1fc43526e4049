using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace AtlasApiKeys.Core;

/// <summary>Role names as a read-only list whose ToString is the names separated by spaces, so
/// <c>Export-Csv</c> writes <c>GROUP_OWNER GROUP_READ_ONLY</c> rather than the type's name; the
/// module's -Role parameters split such a text again.</summary>
public sealed class RoleList : ReadOnlyCollection<string>
{
    /// <summary>A list of <paramref name="names"/> (copied).</summary>
    public RoleList(IEnumerable<string> names)
        : base((names ?? []).ToArray())
    {
    }

    /// <summary>The empty list.</summary>
#pragma warning disable CS0109 // hides ReadOnlyCollection<T>.Empty on .NET 8; netstandard2.0 has none to hide
    public static new RoleList Empty { get; } = new([]);
#pragma warning restore CS0109

    /// <summary><paramref name="names"/> as a RoleList (the same object when it is one).</summary>
    public static RoleList From(IReadOnlyList<string>? names) => names switch
    {
        null => Empty,
        RoleList list => list,
        _ => new RoleList(names),
    };

    /// <summary>The names separated by single spaces (role names hold none).</summary>
    public override string ToString() => string.Join(" ", this);
}
