using System;
using System.IO;
#if !NET8_0_OR_GREATER
using System.Net;
#endif
using System.Net.Http;
#if !NET8_0_OR_GREATER
using System.Reflection;
#endif
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>The platform's socket handler with its connections wrapped in <see cref="WireStream"/>s,
/// so that each request goes on the wire at most once per attempt the module makes.
/// <para>Why: on a reused keep-alive connection that closes cleanly before the answer's first byte,
/// .NET's SocketsHttpHandler sends a request without a body (GET, DELETE) again by itself, below every
/// handler of ours. If the server had acted on the first copy, an unassign would report "not found"
/// and a digest-signed copy would be refused for its replayed nonce count. Here that resend is refused
/// before a byte of it is written; the failure surfaces to the <see cref="RetryHandler"/>, which knows
/// the request may have reached the server and lets the call's <see cref="AtlasOperation"/> decide.</para>
/// <para>Cost on the warm path: one AsyncLocal write per request and one read per write to the socket.</para></summary>
internal sealed class WireGuardHandler(HttpMessageHandler platform) : DelegatingHandler(platform)
{
    private static readonly AsyncLocal<WireAttempt?> Attempt = new();

    /// <summary>The attempt whose bytes the current flow is writing, if any.</summary>
    internal static WireAttempt? Current => Attempt.Value;

    /// <summary>SocketsHttpHandler with the guard, built by reflection (the module targets
    /// netstandard2.0); null where there is none (Windows PowerShell 5.1 on .NET Framework).</summary>
    public static HttpMessageHandler? TryCreate()
    {
#if NET8_0_OR_GREATER
        // PowerShell 7's build names the type: no reflection to set up (a first call's few milliseconds).
        if (!SocketsHttpHandler.IsSupported)
        {
            return null;
        }

        return new WireGuardHandler(PrimaryHandler.CreateSocketHandler(
            static (context, cancellationToken) => new ValueTask<Stream>(WireConnector.ConnectAsync(context.DnsEndPoint, cancellationToken))));
#else
        var type = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
        var connect = type?.GetProperty("ConnectCallback");
        if (type is null || connect is null || !connect.PropertyType.IsGenericType)
        {
            return null;
        }

        var shape = connect.PropertyType.GetGenericArguments();
        if (shape.Length != 3 || shape[1] != typeof(CancellationToken))
        {
            return null;
        }

        try
        {
            // The settings of PrimaryHandler.Configure, on the socket handler itself.
            var handler = (HttpMessageHandler)Activator.CreateInstance(type)!;
            type.GetProperty("AllowAutoRedirect")!.SetValue(handler, false);
            type.GetProperty("UseCookies")!.SetValue(handler, false);
            type.GetProperty("AutomaticDecompression")!.SetValue(handler, DecompressionMethods.GZip | DecompressionMethods.Deflate);
            type.GetProperty("PreAuthenticate")!.SetValue(handler, false);
            type.GetProperty("MaxConnectionsPerServer")!.SetValue(handler, PrimaryHandler.MaxConnectionsPerServer);
            type.GetProperty("DefaultProxyCredentials")!.SetValue(handler, CredentialCache.DefaultCredentials);
            var method = typeof(WireConnector).GetMethod(nameof(WireConnector.Connect), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(shape[0], shape[2]);
            connect.SetValue(handler, Delegate.CreateDelegate(connect.PropertyType, method));
            return new WireGuardHandler(handler);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TargetInvocationException or MemberAccessException or NotSupportedException or NullReferenceException)
        {
            return null;
        }
#endif
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestFlags.MarkWireGuarded(request);
        var attempt = new WireAttempt();
        Attempt.Value = attempt;
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (attempt.ResendRefused && ex is HttpRequestException or IOException)
        {
            throw new HttpRequestException("The connection closed after the request was sent and before any answer: the request may have reached the server.", ex);
        }
    }
}
