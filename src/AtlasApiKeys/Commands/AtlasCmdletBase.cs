using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Commands;

namespace AtlasApiKeys.Commands;

/// <summary>The base of the key cmdlets: -Session, a token that StopProcessing cancels, and running
/// Core's command logic on the pipeline thread.</summary>
public abstract class AtlasCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    /// <summary>The session to use (default: the one Connect-Atlas stored, else the MONGODB_ATLAS_* variables).</summary>
    [Parameter]
    [ValidateNotNull]
    public AtlasSession? Session { get; set; }

    /// <summary>Where this runspace's Connect-Atlas session is kept.</summary>
    internal static object Scope => (object?)Runspace.DefaultRunspace ?? typeof(AtlasCmdletBase);

    /// <inheritdoc />
    public void Dispose()
    {
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Runs one item's logic; a terminating failure becomes ThrowTerminatingError.</summary>
    protected void Run(Func<CommandContext, Task> logic)
    {
        var sink = new CmdletSink(this);
        var context = new CommandContext(sink, Session, Scope, Environment.GetEnvironmentVariable, stopping.Token);
        try
        {
            // If the pipeline stops downstream (Select-Object -First), stop the work and write no more.
            PipelinePump.Run(() => logic(context), () =>
            {
                sink.Close();
                stopping.Cancel();
            });
        }
        catch (AtlasTerminatingException ex)
        {
            ThrowTerminatingError(CmdletSink.ToErrorRecord(ex.Error));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell stops the pipeline itself.
        }
    }
}
