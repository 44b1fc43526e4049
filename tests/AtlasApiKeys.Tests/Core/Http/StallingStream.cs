using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>A response body that stalls as .NET Framework's does: a read ignores its token and ends only
/// when the stream is disposed (the connection breaks) or the test releases it.</summary>
internal sealed class StallingStream : Stream
{
    private readonly TaskCompletionSource<int> pending = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> readStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int disposed;

    /// <summary>Completes when the first read is waiting.</summary>
    public Task ReadStarted => readStarted.Task;

    public bool Disposed => Volatile.Read(ref disposed) == 1;

    /// <summary>Whether the stream had been disposed when the test released it.</summary>
    public bool? DisposedBeforeRelease { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Ends the stalled read as an empty body.</summary>
    public void Release()
    {
        DisposedBeforeRelease ??= Disposed;
        pending.TrySetResult(0);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        readStarted.TrySetResult(true);
        return pending.Task;   // the token is ignored, as .NET Framework's response stream ignores it
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        readStarted.TrySetResult(true);
        return new ValueTask<int>(pending.Task);
    }

    public override int Read(byte[] buffer, int offset, int count) => pending.Task.GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            pending.TrySetException(new ObjectDisposedException(nameof(StallingStream)));
        }

        base.Dispose(disposing);
    }
}
