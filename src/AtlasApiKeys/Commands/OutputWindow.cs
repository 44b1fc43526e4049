using System;
using System.Collections.Generic;

namespace AtlasApiKeys.Commands;

/// <summary>-Skip and -First over the whole output of a listing, page by page.</summary>
internal sealed class OutputWindow(ulong skip, ulong first)
{
    /// <summary>How many items are still to skip.</summary>
    public ulong Skip { get; set; } = skip;

    /// <summary>How many items are still to write.</summary>
    public ulong First { get; private set; } = first;

    /// <summary>Writes what the window lets through; false once -First is reached.</summary>
    public bool Write<T>(IReadOnlyList<T> items, Action<object> write)
        where T : class
    {
        foreach (var item in items)
        {
            if (First == 0)
            {
                return false;
            }

            if (Skip > 0)
            {
                Skip--;
                continue;
            }

            write(item);
            First--;
        }

        return First > 0;
    }
}
