using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Commands;

/// <summary>Runs async command logic on the calling (pipeline) thread: every continuation of the
/// logic comes back to this thread, so it may call WriteObject, WriteError and ShouldProcess, while
/// the HTTP work itself runs on the thread pool.</summary>
public static class PipelinePump
{
    /// <summary>Runs <paramref name="work"/> to completion, pumping its continuations on this thread.
    /// When a continuation throws (downstream, PowerShell stops the pipeline: Select-Object -First),
    /// <paramref name="onAbort"/> runs before the exception goes on, so the work can be cancelled.</summary>
    public static void Run(Func<Task> work, Action? onAbort = null)
    {
        if (work is null)
        {
            throw new ArgumentNullException(nameof(work));
        }

        var previous = SynchronizationContext.Current;
        using var context = new PumpContext();
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            var task = work();
            task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                context.RunUntilComplete();
            }
            catch
            {
                onAbort?.Invoke();
                throw;
            }

            task.GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>An action that, called from any thread, runs <paramref name="action"/> on the pump's thread.</summary>
    public static Action<T> Marshal<T>(Action<T> action)
    {
        var context = SynchronizationContext.Current;
        return context is PumpContext pump ? value => pump.PostWhileRunning(_ => action(value)) : action;
    }

    private sealed class PumpContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = new();
        private readonly int threadId = Environment.CurrentManagedThreadId;

        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                queue.Add((d, state));
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // The logic has finished; a late continuation runs on the pool instead.
                ThreadPool.QueueUserWorkItem(_ => d(state));
            }
        }

        /// <summary>Queues <paramref name="d"/> for the pump's thread; once the pump has ended it is
        /// dropped, never run elsewhere (a late trace line must not reach a cmdlet from another thread).</summary>
        public void PostWhileRunning(SendOrPostCallback d)
        {
            try
            {
                queue.Add((d, null));
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
            }
        }

        public override void Send(SendOrPostCallback d, object? state)
        {
            if (Environment.CurrentManagedThreadId == threadId)
            {
                d(state);
                return;
            }

            using var done = new ManualResetEventSlim();
            Post(s => { try { d(s); } finally { done.Set(); } }, state);
            done.Wait();
        }

        public override SynchronizationContext CreateCopy() => this;

        public void RunUntilComplete()
        {
            foreach (var (callback, state) in queue.GetConsumingEnumerable())
            {
                callback(state);
            }
        }

        public void Complete() => queue.CompleteAdding();

        public void Dispose() => queue.Dispose();
    }
}
