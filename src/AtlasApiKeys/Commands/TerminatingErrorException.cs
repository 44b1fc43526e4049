using System;
using System.Management.Automation;

namespace AtlasApiKeys.Commands;

/// <summary>Thrown by a cmdlet's async work when nothing more can be done (not connected, 401):
/// <see cref="AsyncCmdlet"/> turns it into ThrowTerminatingError on the pipeline thread.</summary>
internal sealed class TerminatingErrorException(ErrorRecord record) : Exception(record.Exception.Message, record.Exception)
{
    /// <summary>The error to report.</summary>
    public ErrorRecord Record { get; } = record;
}
