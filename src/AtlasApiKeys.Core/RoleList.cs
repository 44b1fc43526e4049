using System;
using System.Collections;
using System.Collections.Generic;

namespace AtlasApiKeys.Core;

/// <summary>Role names as a read-only list whose ToString is the names separated by spaces, so
/// <c>Export-Csv</c> writes <c>GROUP_OWNER GROUP_READ_ONLY</c> rather than the type's name; the
/// module's -Role parameters split such a value again (see the module's role splitting).</summary>
public sealed class RoleList : IReadOnlyList<string>
{
    private readonly string[] names;

    /// <summary>A list of <paramref name="names"/> (copied).</summary>
    public RoleList(IEnumerable<string> names)
    {
        this.names = [.. names ?? throw new ArgumentNullException(nameof(names))];
    }

    /// <summary>The empty list.</summary>
    public static RoleList Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => names.Length;

    /// <inheritdoc />
    public string this[int index] => names[index];

    /// <summary><paramref name="names"/> as a RoleList (the same object when it is one).</summary>
    public static RoleList From(IReadOnlyList<string>? names) => names switch
    {
        null => Empty,
        RoleList list => list,
        _ => new RoleList(names),
    };

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)names).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => names.GetEnumerator();

    /// <summary>The names separated by single spaces (role names hold none).</summary>
    public override string ToString() => string.Join(" ", names);
}
