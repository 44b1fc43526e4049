using System;
using System.Threading;

namespace AtlasApiKeys.Core.Http;

/// <summary>A token that is cancelled when an outer token is, or when a time bound runs out on the session's
/// clock; <see cref="Expired"/> tells the second from the first.</summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource linked;
    private readonly ITimer? timer;
    private int expired;

    public Deadline(CancellationToken outer, TimeSpan limit, TimeProvider time)
    {
        linked = CancellationTokenSource.CreateLinkedTokenSource(outer);
        if (ReferenceEquals(time, TimeProvider.System))
        {
            // The platform's timer, without a callback of ours: what cancelled is read off the outer token.
            linked.CancelAfter(limit);
        }
        else
        {
            timer = time.CreateTimer(static state => ((Deadline)state!).Expire(), this, limit, Timeout.InfiniteTimeSpan);
        }

        Outer = outer;
    }

    public CancellationToken Token => linked.Token;

    /// <summary>True when the time bound, not the outer token, cancelled <see cref="Token"/>.</summary>
    public bool Expired => timer is null ? linked.IsCancellationRequested && !Outer.IsCancellationRequested : Volatile.Read(ref expired) == 1;

    private CancellationToken Outer { get; }

    public void Dispose()
    {
        timer?.Dispose();
        linked.Dispose();
    }

    private void Expire()
    {
        Volatile.Write(ref expired, 1);
        try
        {
            linked.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended as the bound ran out.
        }
    }
}
