using System;
using System.Management.Automation;
using AtlasApiKeys.Core.Commands;

namespace AtlasApiKeys.Commands;

/// <summary>Adapts a cmdlet to Core's <see cref="ICommandSink"/>.
/// Once closed (the pipeline stopped), it writes nothing more and confirms nothing.</summary>
internal sealed class CmdletSink(PSCmdlet cmdlet) : ICommandSink
{
    private static readonly bool Desktop = DependencyLoader.IsDesktop(typeof(object).Assembly);

    private readonly MessageRoute verboseRoute = MessageRouting.ForVerbose(
        cmdlet.MyInvocation.BoundParameters.ContainsKey("Verbose"), DebugSwitch(cmdlet), Desktop);

    private readonly MessageRoute warningRoute = MessageRouting.ForWarning(
        cmdlet.MyInvocation.BoundParameters.ContainsKey("WarningAction"), DebugSwitch(cmdlet));

    private readonly MessageRoute debugRoute = MessageRouting.ForDebug(DebugSwitch(cmdlet), Desktop);

    private volatile bool closed;

    public void Close() => closed = true;

    public void WriteObject(object value)
    {
        if (!closed)
        {
            cmdlet.WriteObject(value);
        }
    }

    public void WriteError(AtlasErrorInfo error)
    {
        if (!closed)
        {
            cmdlet.WriteError(ToErrorRecord(error));
        }
    }

    public void WriteWarning(string text) => Write(warningRoute, text);

    public void WriteVerbose(string text) => Write(verboseRoute, text);

    public void WriteDebug(string text) => Write(debugRoute, text);

    public void WriteTotalCount(long total)
    {
        if (!closed)
        {
            cmdlet.WriteObject(cmdlet.PagingParameters.NewTotalCount((ulong)Math.Max(total, 0), 1.0));
        }
    }

    public bool ShouldProcess(string target, string action) => !closed && cmdlet.ShouldProcess(target, action);

    private static bool DebugSwitch(PSCmdlet cmdlet) =>
        cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var value) && value is SwitchParameter { IsPresent: true };

    private void Write(MessageRoute route, string text)
    {
        if (closed)
        {
            return;
        }

        switch (route)
        {
            case MessageRoute.Verbose:
                cmdlet.WriteVerbose(text);
                break;
            case MessageRoute.Debug:
                cmdlet.WriteDebug(text);
                break;
            case MessageRoute.Warning:
                cmdlet.WriteWarning(text);
                break;
            case MessageRoute.HostWarningLine:
                cmdlet.Host.UI.WriteWarningLine(text);
                break;
            default:
                cmdlet.Host.UI.WriteDebugLine(text);
                break;
        }
    }

    public static ErrorRecord ToErrorRecord(AtlasErrorInfo error)
    {
        var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), error.Category.ToString());
        var record = new ErrorRecord(error.Exception, error.ErrorId, category, error.Target);
        if (error.Detail is not null || error.RecommendedAction is not null)
        {
            record.ErrorDetails = new ErrorDetails(error.Exception.Message + (error.Detail is null || error.Exception.Message.Contains(error.Detail) ? string.Empty : " " + error.Detail))
            {
                RecommendedAction = error.RecommendedAction,
            };
        }

        return record;
    }
}
