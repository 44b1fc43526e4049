using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Http;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>The socket handler's settings, which on .NET Framework differ from .NET's defaults.</summary>
public sealed class PrimaryHandlerTests
{
    [Fact]
    public void The_handler_allows_as_many_connections_as_the_highest_ThrottleLimit()
    {
        using var handler = PrimaryHandler.Create();

        // Read as declared: the reference assembly's attribute bodies do nothing at run time.
        var range = typeof(GetAtlasProjectApiKeyCommand).GetProperty(nameof(GetAtlasProjectApiKeyCommand.ThrottleLimit))!
            .CustomAttributes.Single(a => a.AttributeType == typeof(ValidateRangeAttribute));
        Assert.Equal(range.ConstructorArguments[1].Value, handler.MaxConnectionsPerServer);
        Assert.Equal(32, handler.MaxConnectionsPerServer);
    }

    [Fact]
    public void An_authenticating_proxy_gets_the_signed_in_users_credentials()
    {
        using var handler = PrimaryHandler.Create();

        Assert.Same(CredentialCache.DefaultCredentials, handler.DefaultProxyCredentials);
        Assert.False(handler.UseDefaultCredentials);   // the server itself never gets them
    }

    [Fact]
    public void The_handler_keeps_its_other_settings()
    {
        using var handler = PrimaryHandler.Create();

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.False(handler.PreAuthenticate);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, handler.AutomaticDecompression);
    }

    [Fact]
    public void PowerShell_7s_socket_handler_has_the_same_settings_and_its_connections_go_through_the_wire_guard()
    {
        using var guard = Assert.IsType<WireGuardHandler>(WireGuardHandler.TryCreate());
        var socket = Assert.IsType<SocketsHttpHandler>(guard.InnerHandler);

        Assert.False(socket.AllowAutoRedirect);
        Assert.False(socket.UseCookies);
        Assert.False(socket.PreAuthenticate);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, socket.AutomaticDecompression);
        Assert.Equal(PrimaryHandler.MaxConnectionsPerServer, socket.MaxConnectionsPerServer);
        Assert.Same(CredentialCache.DefaultCredentials, socket.DefaultProxyCredentials);
        Assert.NotNull(socket.ConnectCallback);
    }

    [Fact]
    public async Task A_change_is_sent_without_Expect_100_continue()
    {
        var handler = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(string.Empty) });
        using var session = new AtlasSession(handler.Options());

        await session.ApiKeys.AssignAsync("0123456789abcdef01234567", "fedcba9876543210fedcba98", ["GROUP_READ_ONLY"]);

        var sent = Assert.Single(handler.Seen);
        Assert.Equal("POST", sent.Method);
        Assert.False(sent.ExpectContinue);   // false, not unset: .NET Framework's ServicePoint default is to send it
    }
}
