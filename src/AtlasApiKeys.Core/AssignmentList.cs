using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core;

/// <summary>An organization key's assignments as a read-only list whose ToString is readable, so
/// <c>Export-Csv</c> writes <c>&lt;projectId&gt;:GROUP_OWNER+GROUP_READ_ONLY; &lt;projectId&gt;:GROUP_READ_ONLY</c>
/// rather than the type's name. It pipes one assignment at a time, like an array.</summary>
public sealed class AssignmentList : ReadOnlyCollection<ApiKeyAssignment>
{
    /// <summary>A list of <paramref name="assignments"/> (copied).</summary>
    public AssignmentList(IEnumerable<ApiKeyAssignment> assignments)
        : base((assignments ?? []).ToArray())
    {
    }

    /// <summary>The empty list.</summary>
#pragma warning disable CS0109 // hides ReadOnlyCollection<T>.Empty on .NET 8; netstandard2.0 has none to hide
    public static new AssignmentList Empty { get; } = new([]);
#pragma warning restore CS0109

    /// <summary><paramref name="assignments"/> as an AssignmentList (the same object when it is one).</summary>
    public static AssignmentList From(IReadOnlyList<ApiKeyAssignment>? assignments) => assignments switch
    {
        null => Empty,
        AssignmentList list => list,
        _ => new AssignmentList(assignments),
    };

    /// <summary>Each assignment as <c>projectId:ROLE_A+ROLE_B</c>, separated by <c>"; "</c>.</summary>
    public override string ToString() => string.Join("; ", this);
}
