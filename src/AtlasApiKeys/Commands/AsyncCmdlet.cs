using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Commands;

/// <summary>A cmdlet whose work is async. The work starts on the pipeline thread and goes on on the
/// thread pool after its first wait; everything it writes and
/// every ShouldProcess question goes into a queue that the pipeline thread drains, so PowerShell is
/// called from its own thread only: the Write* methods and ThrowTerminatingError here hide the
/// cmdlet's own, and ShouldProcess is ShouldProcessAsync. StopProcessing (Ctrl+C) cancels the work;
/// so does a write that throws on the pipeline thread (Select-Object -First stopping the pipeline),
/// after which the work's writes are dropped and its questions answered "no".</summary>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    private static readonly bool Desktop = DependencyLoader.IsDesktop(typeof(object).Assembly);

    private readonly CancellationTokenSource stopping = new();
    private BlockingCollection<Action<bool>>? queue;
    private MessageRoute verboseRoute;
    private MessageRoute debugRoute;
    private MessageRoute warningRoute;
    private bool routed;

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>BeginProcessing's async work.</summary>
    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>ProcessRecord's async work, once per pipeline item.</summary>
    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>EndProcessing's async work.</summary>
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs one piece of work; a derived class may wrap it (the work's own scope).</summary>
    protected virtual Task RunWorkAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken) => work(cancellationToken);

    /// <inheritdoc />
    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);

    /// <inheritdoc />
    protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);

    /// <inheritdoc />
    protected sealed override void EndProcessing() => Run(EndProcessingAsync);

    /// <inheritdoc />
    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Releases what the command holds; PowerShell disposes a command when its pipeline ends, after its
    /// work (an override calls this base).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            stopping.Dispose();
        }
    }

    /// <summary>WriteObject, on the pipeline thread.</summary>
    protected new void WriteObject(object sendToPipeline) => Post(() => base.WriteObject(sendToPipeline));

    /// <summary>WriteError, on the pipeline thread.</summary>
    protected new void WriteError(ErrorRecord errorRecord) => Post(() => base.WriteError(errorRecord));

    /// <summary>A warning, where <see cref="MessageRouting"/> sends it (under -Debug, never a prompt).</summary>
    protected new void WriteWarning(string text) => Post(() => Write(warningRoute, text));

    /// <summary>Verbose text, where <see cref="MessageRouting"/> sends it (under -Debug, never a prompt).</summary>
    protected new void WriteVerbose(string text) => Post(() => Write(verboseRoute, text));

    /// <summary>Debug text, where <see cref="MessageRouting"/> sends it (under -Debug, never a prompt).</summary>
    protected new void WriteDebug(string text) => Post(() => Write(debugRoute, text));

    /// <summary>Ends the command with this error (thrown, from any thread; reported on the pipeline thread).</summary>
    protected new void ThrowTerminatingError(ErrorRecord errorRecord) => throw new TerminatingErrorException(errorRecord);

    /// <summary>Not here: ask <see cref="ShouldProcessAsync"/>, which asks on the pipeline thread.</summary>
    [Obsolete("Call ShouldProcessAsync: the question is asked on the pipeline thread.", error: true)]
    protected new bool ShouldProcess(string target, string action) => throw new NotSupportedException();

    /// <summary>ShouldProcess, asked on the pipeline thread; false once the pipeline has stopped.</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!TryPost(live =>
        {
            if (!live)
            {
                answer.TrySetResult(false);
                return;
            }

            try
            {
                answer.TrySetResult(base.ShouldProcess(target, action));
            }
            catch
            {
                answer.TrySetResult(false);
                throw;
            }
        }))
        {
            answer.TrySetResult(false);
        }

        return answer.Task;
    }

    private void Post(Action write) => TryPost(live =>
    {
        if (live)
        {
            write();
        }
    });

    /// <summary>Queues an item for the pipeline thread: called there with true, or with false when
    /// the run was abandoned before reaching it. False when no run takes items any more.</summary>
    private bool TryPost(Action<bool> item)
    {
        try
        {
            return Volatile.Read(ref queue)?.TryAdd(item) == true;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            return false;   // the run has ended: a late trace line is dropped, never written from here
        }
    }

    private void Run(Func<CancellationToken, Task> work)
    {
        if (!routed)
        {
            var debugSwitch = MyInvocation.BoundParameters.TryGetValue("Debug", out var value) && value is SwitchParameter { IsPresent: true };
            verboseRoute = MessageRouting.ForVerbose(MyInvocation.BoundParameters.ContainsKey("Verbose"), debugSwitch, Desktop);
            debugRoute = MessageRouting.ForDebug(debugSwitch, Desktop);
            warningRoute = MessageRouting.ForWarning(MyInvocation.BoundParameters.ContainsKey("WarningAction"), debugSwitch);
            routed = true;
        }

        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        using var items = new BlockingCollection<Action<bool>>();
        Volatile.Write(ref queue, items);
        var task = Start(() => RunWorkAsync(work, abandon.Token));
        _ = task.ContinueWith(_ => Complete(items), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            foreach (var item in items.GetConsumingEnumerable())
            {
                item(true);
            }
        }
        catch
        {
            // The pipeline stopped under a write: stop the work, and let it write and ask no more.
            abandon.Cancel();
            items.CompleteAdding();
            while (items.TryTake(out var item))
            {
                item(false);
            }

            ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            _ = task.Exception;   // observed: the failure that matters is the one going up
            throw;
        }
        finally
        {
            Volatile.Write(ref queue, null);
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (TerminatingErrorException ex)
        {
            if (MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var action) && action is ActionPreference.Stop)
            {
                // -ErrorAction Stop: written, the error stops the script (ActionPreferenceStopException), as any
                // error does under it; thrown as a terminating error it would stop only this statement.
                base.WriteError(ex.Record);
            }

            base.ThrowTerminatingError(ex.Record);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell stops the pipeline itself.
        }
    }

    /// <summary>Starts the work on the pipeline thread: it runs here until its first wait (a request on
    /// the wire), then on the thread pool, so a call costs one hand-off back (its output) instead of one
    /// each way and one per stage. No SynchronizationContext a host may have set here is captured: the
    /// pipeline thread is busy draining the queue and would never run a continuation posted to it.</summary>
    private static Task Start(Func<Task> work)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return work();
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private static void Complete(BlockingCollection<Action<bool>> items)
    {
        try
        {
            items.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
            // An abandoned run has completed and disposed it already.
        }
    }

    private void Write(MessageRoute route, string text)
    {
        switch (route)
        {
            case MessageRoute.Verbose:
                base.WriteVerbose(text);
                break;
            case MessageRoute.Debug:
                base.WriteDebug(text);
                break;
            case MessageRoute.Warning:
                base.WriteWarning(text);
                break;
            case MessageRoute.HostWarningLine:
                Host.UI.WriteWarningLine(text);
                break;
            default:
                Host.UI.WriteDebugLine(text);
                break;
        }
    }
}
