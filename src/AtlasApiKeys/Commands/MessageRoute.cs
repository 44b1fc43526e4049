namespace AtlasApiKeys.Commands;

/// <summary>Where a verbose or debug message goes, so that no message ever prompts the user.</summary>
internal enum MessageRoute
{
    /// <summary>WriteVerbose: the verbose stream, under the caller's verbose preference.</summary>
    Verbose,

    /// <summary>WriteDebug: the debug stream, under the caller's debug preference.</summary>
    Debug,

    /// <summary>WriteWarning: the warning stream, under the caller's warning preference.</summary>
    Warning,

    /// <summary>The host's warning line (<c>WARNING: ...</c>): shown, never a prompt.</summary>
    HostWarningLine,

    /// <summary>The host's debug line (<c>DEBUG: ...</c> on screen and in a transcript): shown, never a prompt.</summary>
    HostDebugLine,
}
