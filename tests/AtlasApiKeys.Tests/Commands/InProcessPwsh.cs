using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>The module's cmdlets in a real PowerShell 7.6.9 runspace of this process (one per
/// instance, so Connect-Atlas's session is this instance's), with a recording host.</summary>
public sealed class InProcessPwsh : IDisposable
{
    private readonly Runspace runspace;

    public InProcessPwsh(bool confirm = true)
    {
        Host = new RecordingHost(confirm);
        runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        runspace.Open();
        using var import = PowerShell.Create();
        import.Runspace = runspace;
        import.AddCommand("Import-Module").AddParameter("Assembly", typeof(GetAtlasProjectApiKeyCommand).Assembly).Invoke();
    }

    public RecordingHost Host { get; }

    /// <summary>The runspace (the scope Connect-Atlas stores its session under).</summary>
    public Runspace Runspace => runspace;

    /// <summary>Runs <paramref name="script"/> with the variables set; a terminating error (the command's
    /// ThrowTerminatingError, a binding error) is caught into <see cref="PwshResult.Terminating"/>.</summary>
    public PwshResult Run(string script, params (string Name, object? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript($"$__terminating = $null\ntry {{\n{script}\n}} catch {{ $__terminating = $_ }}");
        var result = Collect(ps, () => ps.Invoke());
        result.Terminating ??= runspace.SessionStateProxy.GetVariable("__terminating") as ErrorRecord;
        return result;
    }

    /// <summary>Starts <paramref name="script"/>; the caller stops it.</summary>
    public PowerShell Start(string script, out IAsyncResult running, params (string Name, object? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        running = ps.BeginInvoke();
        return ps;
    }

    public static PwshResult Collect(PowerShell ps, Func<IEnumerable<PSObject>> invoke)
    {
        var result = new PwshResult();
        try
        {
            result.Output.AddRange(invoke().Select(o => o?.BaseObject!).Where(o => o is not null));
        }
        catch (RuntimeException ex)
        {
            result.Terminating = ex.ErrorRecord;
        }

        result.Errors.AddRange(ps.Streams.Error);
        result.Warnings.AddRange(ps.Streams.Warning.Select(w => w.Message));
        result.Verbose.AddRange(ps.Streams.Verbose.Select(v => v.Message));
        result.Debug.AddRange(ps.Streams.Debug.Select(d => d.Message));
        return result;
    }

    public void Dispose() => runspace.Dispose();
}

/// <summary>What one script wrote, stream by stream.</summary>
public sealed class PwshResult
{
    public List<object> Output { get; } = [];

    public List<ErrorRecord> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<string> Verbose { get; } = [];

    public List<string> Debug { get; } = [];

    public ErrorRecord? Terminating { get; set; }

    public IEnumerable<ProjectApiKey> Keys => Output.OfType<ProjectApiKey>();

    /// <summary>The one error: the terminating one, else the single non-terminating one.</summary>
    public ErrorRecord Error => Terminating ?? Errors.Single();

    /// <summary>Everything written, as a person or a log would see it, for secret scans.</summary>
    public string AllText() => string.Join("\n", Output.Select(o => o.ToString())
        .Concat(Errors.Concat(Terminating is null ? [] : [Terminating]).SelectMany(ErrorText))
        .Concat(Warnings).Concat(Verbose).Concat(Debug));

    private static IEnumerable<string?> ErrorText(ErrorRecord e) =>
        [e.ToString(), e.Exception.ToString(), e.ErrorDetails?.Message, e.ErrorDetails?.RecommendedAction, e.FullyQualifiedErrorId, e.TargetObject?.ToString()];
}
