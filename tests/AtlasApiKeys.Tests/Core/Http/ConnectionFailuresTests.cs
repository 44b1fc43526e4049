using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Http;
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
