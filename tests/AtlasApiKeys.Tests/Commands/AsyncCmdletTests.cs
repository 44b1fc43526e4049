using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Commands;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>Where an async cmdlet's work runs: its synchronous start on the pipeline thread (no hand-off
/// to the thread pool and back for a stage that never waits), the rest wherever its waits complete, and
/// its output written on the pipeline thread in order.</summary>
public sealed class AsyncCmdletTests : IDisposable
{
    private readonly Runspace runspace;

    public AsyncCmdletTests()
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Test-AsyncProbe", typeof(ProbeCommand), null));
        runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
    }

    public void Dispose() => runspace.Dispose();

    [Fact]
    public void Each_stage_starts_on_the_pipeline_thread()
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("[Environment]::CurrentManagedThreadId; 1, 2 | Test-AsyncProbe");

        var output = ps.Invoke().Select(o => o.BaseObject).ToList();

        Assert.False(ps.HadErrors);
        var pipelineThread = Assert.IsType<int>(output[0]);
        var stages = output.Skip(1).Cast<ProbeRecord>().ToList();
        Assert.Equal(["begin", "process 1", "process 2", "end"], stages.Select(s => s.Stage));
        Assert.All(stages, s => Assert.Equal(pipelineThread, s.StartThread));   // before: a pool thread each
    }

    [Fact]
    public void A_synchronization_context_on_the_pipeline_thread_is_not_captured_by_the_work()
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        // A host (a GUI, an editor) may have one: a continuation posted to it would wait for a thread that is
        // busy draining the command's queue, for ever.
        ps.AddScript("""
            $context = [Threading.SynchronizationContext]::new()
            [Threading.SynchronizationContext]::SetSynchronizationContext($context)
            1 | Test-AsyncProbe
            [object]::ReferenceEquals([Threading.SynchronizationContext]::Current, $context)
            """);

        var output = ps.Invoke().Select(o => o.BaseObject).ToList();

        Assert.False(ps.HadErrors);
        Assert.Equal(4, output.Count);
        Assert.All(output.Take(3).Cast<ProbeRecord>(), r => Assert.False(r.SawContext));
        Assert.True(Assert.IsType<bool>(output[3]));   // the pipeline thread's own context is back
    }

    [Fact]
    public void Work_that_throws_before_its_first_wait_ends_the_command_with_its_error()
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        // The throw happens on the pipeline thread, inside the start itself (not in a task): the command still
        // reports it as its terminating error, after what it wrote before.
        ps.AddScript("try { 1, 2 | Test-AsyncProbe -ThrowAt 2 } catch { 'caught ' + $_.FullyQualifiedErrorId }");

        var output = ps.Invoke().Select(o => o.BaseObject).ToList();

        Assert.Equal(["begin", "process 1"], output.OfType<ProbeRecord>().Select(r => r.Stage));
        Assert.Equal("caught ProbeFailed,AtlasApiKeys.Tests.Commands.AsyncCmdletTests+ProbeCommand", Assert.IsType<string>(output.Last()));
    }

    /// <summary>One stage's record: where its work started, and whether it saw a SynchronizationContext.</summary>
    public sealed class ProbeRecord(string stage, int startThread, bool sawContext)
    {
        public string Stage { get; } = stage;

        public int StartThread { get; } = startThread;

        public bool SawContext { get; } = sawContext;
    }

    /// <summary>A cmdlet whose every stage records where it started, waits once, then writes.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "AsyncProbe")]
    public sealed class ProbeCommand : AsyncCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public int Item { get; set; }

        [Parameter]
        public int ThrowAt { get; set; }

        protected override Task BeginProcessingAsync(CancellationToken cancellationToken) => Stage("begin");

        protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            if (Item == ThrowAt)
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("thrown at the start"), "ProbeFailed", ErrorCategory.InvalidOperation, Item));
            }

            return Stage($"process {Item}");
        }

        protected override Task EndProcessingAsync(CancellationToken cancellationToken) => Stage("end");

        private async Task Stage(string name)
        {
            var record = new ProbeRecord(name, Environment.CurrentManagedThreadId, SynchronizationContext.Current is not null);
            await Task.Delay(10).ConfigureAwait(false);
            WriteObject(record);
        }
    }
}
