using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Http;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>.NET Framework's WebException statuses mean what their socket counterparts mean on .NET.</summary>
public sealed class ConnectionFailuresTests
{
    private const string Project = "0123456789abcdef01234567";

#pragma warning disable SYSLIB0014 // WebException is what .NET Framework's handler throws; the tests build them as it does.
    private static HttpRequestException Web(WebExceptionStatus status) =>
        new("An error occurred while sending the request.", new WebException("The remote name could not be resolved: 'cloud.mongodb.com'", status));
#pragma warning restore SYSLIB0014

    [Theory]
    [InlineData(WebExceptionStatus.NameResolutionFailure, true)]
    [InlineData(WebExceptionStatus.ProxyNameResolutionFailure, true)]
    [InlineData(WebExceptionStatus.ConnectFailure, true)]
    [InlineData(WebExceptionStatus.SendFailure, false)]
    [InlineData(WebExceptionStatus.ReceiveFailure, false)]
    [InlineData(WebExceptionStatus.KeepAliveFailure, false)]
    [InlineData(WebExceptionStatus.ConnectionClosed, false)]
    [InlineData(WebExceptionStatus.SecureChannelFailure, false)]
    public void A_WebException_status_counts_as_not_sent_only_for_name_resolution_and_connect(WebExceptionStatus status, bool notSent)
    {
        Assert.Equal(notSent, ConnectionFailures.FailedBeforeSending(Web(status)));
        Assert.Equal(notSent, RetryHandler.FailedBeforeSending(Web(status)));
    }

    [Theory]
    [InlineData(SocketError.HostNotFound, true)]
    [InlineData(SocketError.ConnectionRefused, true)]
    [InlineData(SocketError.ConnectionReset, false)]
    public void Socket_failures_keep_their_meaning(SocketError error, bool notSent) =>
        Assert.Equal(notSent, ConnectionFailures.FailedBeforeSending(new HttpRequestException("x", new SocketException((int)error))));

    [Fact]
    public async Task A_create_whose_name_did_not_resolve_is_sent_again()
    {
        var handler = new ScriptedHandler((_, attempt) => throw Web(attempt < 3 ? WebExceptionStatus.NameResolutionFailure : WebExceptionStatus.ReceiveFailure));
        using var session = new AtlasSession(handler.Options(maxRetries: 4));

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.CreateAsync(Project, "ci deploy", ["GROUP_READ_ONLY"]));

        Assert.Equal(3, handler.Attempts);   // two that never left, then one that may have reached Atlas: no more
        Assert.Equal("CONNECTION_FAILED", ex.ErrorCode);
        Assert.True(ex.MayHaveSucceeded);
    }

    [Theory]
    [InlineData(WebExceptionStatus.NameResolutionFailure, false)]
    [InlineData(WebExceptionStatus.ConnectFailure, false)]
    [InlineData(WebExceptionStatus.ReceiveFailure, true)]
    public async Task A_failed_create_says_it_may_have_been_created_only_when_it_may_have_been_sent(WebExceptionStatus status, bool mayHave)
    {
        var handler = new ScriptedHandler((_, _) => throw Web(status));
        using var session = new AtlasSession(handler.Options());

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.CreateAsync(Project, "ci deploy", ["GROUP_READ_ONLY"]));

        Assert.Equal(AtlasFailureKind.Connection, ex.Kind);
        Assert.Equal(mayHave, ex.MayHaveSucceeded);
        Assert.Equal(mayHave, ex.Message.Contains("may have been created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_WebException_from_a_body_read_is_a_connection_failure()
    {
        var handler = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new FailingStream()) });
        using var session = new AtlasSession(handler.Options());

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Project).ToListAsync());

        Assert.Equal(AtlasFailureKind.Connection, ex.Kind);
        Assert.Equal("CONNECTION_FAILED", ex.ErrorCode);
        Assert.IsType<WebException>(ex.InnerException);
        Assert.True(handler.Seen.All(r => r.Method == "GET"));
    }

    [Fact]
    public void A_failure_says_why_in_place_of_see_inner_exception()
    {
        var tls = new HttpRequestException(
            "The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));
        var refused = new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal("The SSL connection could not be established: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot", ConnectionFailures.Describe(tls));
        Assert.Equal("Connection refused (127.0.0.1:9)", ConnectionFailures.Describe(refused));   // the inner one adds nothing
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "Nothing accepted the connection at https://cloud.mongodb.com: check -BaseUri (or MONGODB_ATLAS_OPS_MANAGER_URL)")]
    [InlineData(SocketError.HostNotFound, "The name cloud.mongodb.com did not resolve: check -BaseUri (or MONGODB_ATLAS_OPS_MANAGER_URL) and this machine's DNS")]
    [InlineData(SocketError.ConnectionReset, "Check the network path to https://cloud.mongodb.com (firewall, proxy, HTTPS_PROXY)")]
    public void Every_connection_failure_carries_advice_by_its_cause(SocketError error, string expected) =>
        Assert.StartsWith(expected, ConnectionFailures.Advice(new HttpRequestException("x", new SocketException((int)error)), AtlasSessionOptions.CommercialCloud), StringComparison.Ordinal);

    [Theory]
    [InlineData(WebExceptionStatus.ConnectFailure, "Nothing accepted the connection")]
    [InlineData(WebExceptionStatus.NameResolutionFailure, "The name cloud.mongodb.com did not resolve")]
    [InlineData(WebExceptionStatus.TrustFailure, "The TLS handshake with https://cloud.mongodb.com failed")]
    public void Dotnet_Framework_failures_get_the_same_advice(WebExceptionStatus status, string expected) =>
        Assert.StartsWith(expected, ConnectionFailures.Advice(Web(status), AtlasSessionOptions.CommercialCloud), StringComparison.Ordinal);

    [Fact]
    public async Task A_refused_connection_says_what_to_check()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();   // nothing listens there now
        using var session = new AtlasSession(new AtlasSessionOptions { BaseUri = new Uri($"http://127.0.0.1:{port}"), Credential = new AtlasDigestCredential("abcdefgh", "secret"), Retry = new AtlasRetryOptions { MaxRetries = 0 } });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Project).ToListAsync());

        Assert.Equal("CONNECTION_FAILED", ex.ErrorCode);
        Assert.StartsWith($"Nothing accepted the connection at http://127.0.0.1:{port}: check -BaseUri", ex.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains(ex.RecommendedAction!, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TLS_failure_says_why_and_what_to_check()
    {
        using var server = new UntrustedTlsServer();
        using var session = new AtlasSession(new AtlasSessionOptions { BaseUri = server.BaseUri, Credential = new AtlasDigestCredential("abcdefgh", "secret"), Retry = new AtlasRetryOptions { MaxRetries = 0 } });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Project).ToListAsync());

        Assert.Equal((AtlasFailureKind.Connection, "CONNECTION_FAILED"), (ex.Kind, ex.ErrorCode));
        Assert.DoesNotContain("inner exception", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("certificate", ex.Message, StringComparison.OrdinalIgnoreCase);   // the handshake's own reason
        Assert.StartsWith($"The TLS handshake with {server.BaseUri.GetLeftPart(UriPartial.Authority)} failed: check that -BaseUri", ex.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_certificate_is_not_asked_again()
    {
        using var server = new UntrustedTlsServer();
        var retry = new AtlasRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), UseJitter = false };
        using var session = new AtlasSession(new AtlasSessionOptions { BaseUri = server.BaseUri, Credential = new AtlasDigestCredential("abcdefgh", "secret"), Retry = retry });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Project).ToListAsync());

        Assert.Equal(AtlasFailureKind.Connection, ex.Kind);
        Assert.Equal(1, server.Connections);   // the same certificate would be refused again: no retry
    }

    /// <summary>A response stream that breaks as .NET Framework's does: with a WebException.</summary>
    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

#pragma warning disable SYSLIB0014
        public override int Read(byte[] buffer, int offset, int count) =>
            throw new WebException("The underlying connection was closed: An unexpected error occurred on a receive.", WebExceptionStatus.ReceiveFailure);
#pragma warning restore SYSLIB0014

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException<int>(Fail());

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(Fail());

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

#pragma warning disable SYSLIB0014
        private static WebException Fail() => new("The underlying connection was closed: An unexpected error occurred on a receive.", WebExceptionStatus.ReceiveFailure);
#pragma warning restore SYSLIB0014
    }
}
