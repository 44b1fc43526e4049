using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>Reads of an answer's body that a token can stop on every runtime. On .NET Framework the
/// response stream ignores the token (and ReadAsStringAsync takes none), so a stalled body would hold
/// Ctrl+C, -First and a fan-out until the server gave up. Here a cancellation disposes the response
/// (which breaks the connection under the read) and the caller stops waiting at once.</summary>
internal static class ResponseBody
{
    /// <summary>Disposes <paramref name="response"/> when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static CancellationTokenRegistration DisposeOnCancel(HttpResponseMessage response, CancellationToken cancellationToken) =>
        cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);

    /// <summary>The read's result, or <see cref="OperationCanceledException"/> as soon as the token is
    /// cancelled, whether or not the read itself heeds the token. A read given up on may still write into
    /// its buffer: the caller must not reuse that buffer after a cancellation.</summary>
    public static async Task<T> ReadAsync<T>(Task<T> read, CancellationToken cancellationToken)
    {
        if (read.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return await read.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), cancelled))
        {
            await Task.WhenAny(read, cancelled.Task).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                // Observe the abandoned read's failure (the disposed response makes it fail), so it is not reported as unobserved.
                _ = read.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw new OperationCanceledException("The read of the answer was cancelled.", cancellationToken);
            }
        }

        return await read.ConfigureAwait(false);
    }
}
