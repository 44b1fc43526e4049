namespace AtlasApiKeys.Commands;

/// <summary>Chooses where a cmdlet's verbose, warning and debug text goes. A compiled cmdlet's -Debug
/// makes PowerShell ask "Continue with this operation?" in three places: on every WriteVerbose and
/// WriteWarning (-Debug alone sets the cmdlet's verbose and warning preferences to Inquire: seen in
/// pwsh 7.6.9 with a three-line test cmdlet), and on every WriteDebug in Windows PowerShell 5.1
/// (-Debug means Inquire there; 6.2 changed it to Continue).
/// In a -NonInteractive runbook such a prompt is a failure. So under -Debug the text goes where it
/// shows without a prompt; otherwise the caller's preferences decide, prompts included if the caller
/// set Inquire on purpose.</summary>
internal static class MessageRouting
{
    /// <summary>Where debug text goes (the exchange trace).</summary>
    /// <param name="debugSwitch">-Debug was given (and not as -Debug:$false).</param>
    /// <param name="desktop">Windows PowerShell (.NET Framework), where -Debug means Inquire.</param>
    public static MessageRoute ForDebug(bool debugSwitch, bool desktop) =>
        debugSwitch && desktop ? MessageRoute.HostDebugLine : MessageRoute.Debug;

    /// <summary>Where verbose text goes.</summary>
    /// <param name="verboseBound">-Verbose was given, as -Verbose or -Verbose:$false: the caller
    /// decided, and PowerShell honours it without a prompt.</param>
    /// <param name="debugSwitch">-Debug was given (and not as -Debug:$false).</param>
    /// <param name="desktop">Windows PowerShell (.NET Framework).</param>
    public static MessageRoute ForVerbose(bool verboseBound, bool debugSwitch, bool desktop) =>
        verboseBound || !debugSwitch ? MessageRoute.Verbose : ForDebug(debugSwitch, desktop);

    /// <summary>Where a warning goes.</summary>
    /// <param name="warningActionBound">-WarningAction was given: the caller decided.</param>
    /// <param name="debugSwitch">-Debug was given (and not as -Debug:$false).</param>
    public static MessageRoute ForWarning(bool warningActionBound, bool debugSwitch) =>
        warningActionBound || !debugSwitch ? MessageRoute.Warning : MessageRoute.HostWarningLine;
}
