using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>The transport stream of one connection, as the platform's socket handler uses it: every
/// write first asks the current <see cref="WireAttempt"/> (if any) whether it may go out on this
/// connection; a read that ends or fails marks the connection ended.</summary>
internal sealed class WireStream(Stream inner) : Stream
{
    private volatile bool ended;

    /// <summary>The peer closed or broke the connection.</summary>
    public bool Ended => ended;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return Observe(inner.Read(buffer, offset, count), count);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            ended = true;
            throw;
        }
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        try
        {
            return Observe(await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false), count);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            ended = true;
            throw;
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        WireGuardHandler.Current?.BeforeWrite(this);
        inner.Write(buffer, offset, count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        WireGuardHandler.Current?.BeforeWrite(this);
        return inner.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ended = true;
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Observe(int read, int asked)
    {
        if (read == 0 && asked > 0)
        {
            ended = true;
        }

        return read;
    }
}
