using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>SocketsHttpHandler's ConnectCallback, written without naming the types netstandard2.0
/// lacks: a TCP connection as the platform makes one (no Nagle), wrapped in a <see cref="WireStream"/>.</summary>
internal static class WireConnector
{
    /// <summary>Bound by reflection to Func&lt;SocketsHttpConnectionContext, CancellationToken, ValueTask&lt;Stream&gt;&gt;.</summary>
    internal static TResult Connect<TContext, TResult>(TContext context, CancellationToken cancellationToken)
    {
        var endPoint = (DnsEndPoint)Shape<TContext>.EndPoint.GetValue(context)!;
        return (TResult)Activator.CreateInstance(typeof(TResult), ConnectAsync(endPoint, cancellationToken))!;
    }

    private static async Task<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (cancellationToken.Register(static s => ((Socket)s!).Dispose(), socket))
            {
                await socket.ConnectAsync(endPoint).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new WireStream(new NetworkStream(socket, ownsSocket: true));
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static class Shape<TContext>
    {
        public static readonly PropertyInfo EndPoint = typeof(TContext).GetProperty("DnsEndPoint")
            ?? throw new MissingMemberException(typeof(TContext).FullName, "DnsEndPoint");
    }
}
