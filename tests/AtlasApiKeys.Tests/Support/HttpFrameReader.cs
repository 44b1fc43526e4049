using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Tests.Support;

/// <summary>Reads whole HTTP/1.1 messages off a stream (Content-Length, chunked, or to the end), for
/// the fault proxy: it needs message boundaries, nothing more.</summary>
public sealed class HttpFrameReader(Stream stream)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    /// <summary>The next request, or null when the peer closed the connection between messages.</summary>
    public Task<HttpFrame?> ReadRequestAsync(CancellationToken cancellationToken) => ReadAsync(isResponse: false, requestMethod: null, cancellationToken);

    /// <summary>The answer to a request with <paramref name="requestMethod"/>; null if the peer closed first.</summary>
    public Task<HttpFrame?> ReadResponseAsync(string requestMethod, CancellationToken cancellationToken) => ReadAsync(isResponse: true, requestMethod, cancellationToken);

    /// <summary>Waits until the peer closes (or breaks) the connection.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
    }

    private async Task<HttpFrame?> ReadAsync(bool isResponse, string? requestMethod, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(head);
        var lines = text.Split("\r\n");
        long? length = null;
        var chunked = false;
        var close = false;
        foreach (var line in lines[1..])
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = long.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                close = value.Contains("close", StringComparison.OrdinalIgnoreCase);
            }
        }

        var status = isResponse ? int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture) : 0;
        var noBody = isResponse && (requestMethod == "HEAD" || status is 204 or 304 || status < 200);
        var body = new MemoryStream();
        if (noBody)
        {
        }
        else if (chunked)
        {
            await ReadChunkedAsync(body, cancellationToken);
        }
        else if (length is { } n)
        {
            await CopyAsync(body, n, cancellationToken);
        }
        else if (isResponse)
        {
            await CopyToEndAsync(body, cancellationToken);
            close = true;
        }

        return new HttpFrame(lines[0], head, body.ToArray()) { ConnectionClose = close };
    }

    private async Task<byte[]?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var at = IndexOf("\r\n\r\n"u8);
            if (at >= 0)
            {
                var head = buffer.AsSpan(start, at - start + 4).ToArray();
                start = at + 4;
                return head;
            }

            if (!await FillAsync(cancellationToken))
            {
                if (end > start)
                {
                    throw new EndOfStreamException("the connection closed inside a message head");
                }

                return null;
            }
        }
    }

    private async Task ReadChunkedAsync(MemoryStream body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await ReadLineAsync(body, cancellationToken);
            var size = long.Parse(line.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailers, if any, then the blank line.
                while ((await ReadLineAsync(body, cancellationToken)).Length > 0)
                {
                }

                return;
            }

            await CopyAsync(body, size + 2, cancellationToken);
        }
    }

    /// <summary>Copies one CRLF-terminated line to <paramref name="body"/> and returns it without the CRLF.</summary>
    private async Task<string> ReadLineAsync(MemoryStream body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var at = IndexOf("\r\n"u8);
            if (at >= 0)
            {
                var line = Encoding.ASCII.GetString(buffer, start, at - start);
                body.Write(buffer, start, at - start + 2);
                start = at + 2;
                return line;
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException("the connection closed inside a chunked body");
            }
        }
    }

    private async Task CopyAsync(MemoryStream body, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (end == start && !await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException("the connection closed inside a body");
            }

            var take = (int)Math.Min(count, end - start);
            body.Write(buffer, start, take);
            start += take;
            count -= take;
        }
    }

    private async Task CopyToEndAsync(MemoryStream body, CancellationToken cancellationToken)
    {
        do
        {
            body.Write(buffer, start, end - start);
            start = end;
        }
        while (await FillAsync(cancellationToken));
    }

    private int IndexOf(ReadOnlySpan<byte> marker)
    {
        var at = buffer.AsSpan(start, end - start).IndexOf(marker);
        return at < 0 ? -1 : start + at;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            throw new InvalidDataException("an HTTP message head larger than the proxy's buffer");
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
        end += read;
        return read > 0;
    }
}
