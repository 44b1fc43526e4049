using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
#if !NET8_0_OR_GREATER
using System.Reflection;
#endif
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>SocketsHttpHandler's ConnectCallback: a TCP connection as the platform makes one (no Nagle),
/// wrapped in a <see cref="WireStream"/>. PowerShell 7's build calls <see cref="ConnectAsync"/> directly;
/// the netstandard2.0 build binds <c>Connect</c> by reflection, without naming the types netstandard2.0 lacks.</summary>
internal static class WireConnector
{
#if !NET8_0_OR_GREATER
    /// <summary>Bound by reflection to Func&lt;SocketsHttpConnectionContext, CancellationToken, ValueTask&lt;Stream&gt;&gt;.</summary>
    internal static TResult Connect<TContext, TResult>(TContext context, CancellationToken cancellationToken)
    {
        var endPoint = (DnsEndPoint)Shape<TContext>.EndPoint.GetValue(context)!;
        return (TResult)Activator.CreateInstance(typeof(TResult), ConnectAsync(endPoint, cancellationToken))!;
    }
#endif

    internal static async Task<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
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

#if !NET8_0_OR_GREATER
    private static class Shape<TContext>
    {
        public static readonly PropertyInfo EndPoint = typeof(TContext).GetProperty("DnsEndPoint")
            ?? throw new MissingMemberException(typeof(TContext).FullName, "DnsEndPoint");
    }
#endif
}
