namespace AtlasApiKeys;

/// <summary>How many runspaces have the module imported. The resolver is process-wide, so it is hooked
/// by the first import and unhooked only when the last runspace that uses the module removes it.</summary>
internal sealed class ImportCount
{
    private int count;

    /// <summary>The number of imports not yet removed.</summary>
    public int Current => count;

    /// <summary>Counts an import; true when it is the first (hook now).</summary>
    public bool Add() => ++count == 1;

    /// <summary>Counts a removal; true when no import is left (unhook now). A removal without an import is ignored.</summary>
    public bool Remove()
    {
        if (count == 0)
        {
            return false;
        }

        return --count == 0;
    }
}
