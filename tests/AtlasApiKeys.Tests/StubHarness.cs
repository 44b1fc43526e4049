using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.StubServer;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests;

/// <summary>A stub server with the demo seed, started on a free loopback port for one test class
/// instance (xunit makes one per test), and sessions pointed at it.</summary>
public sealed class StubHarness : IAsyncLifetime
{
    private readonly List<AtlasSession> sessions = [];

    public AtlasStubServer Server { get; private set; } = null!;

    public StubSeed Seed { get; private set; } = null!;

    /// <summary>The connection-level fault proxy, once <see cref="UseProxy"/> started it: sessions made
    /// after that go through it.</summary>
    public FaultProxy? Proxy { get; private set; }

    public ConcurrentQueue<AtlasTraceRecord> Trace { get; } = new();

    public string Production => Seed.Production.Id;

    public string Staging => Seed.Staging.Id;

    public async Task InitializeAsync()
    {
        var state = new StubState();
        Seed = StubSeed.Demo(state);
        Server = await AtlasStubServer.StartAsync(state: state);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in sessions)
        {
            session.Dispose();
        }

        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    /// <summary>Puts a <see cref="FaultProxy"/> between the sessions made from now on and the stub.</summary>
    public FaultProxy UseProxy() => Proxy ??= FaultProxy.Start(Server.BaseUri);

    /// <summary>Fast retries so fault tests stay quick; every exchange goes to <see cref="Trace"/>.</summary>
    public AtlasSessionOptions Options(AtlasCredential credential, Action<AtlasSessionOptions>? configure = null)
    {
        var options = new AtlasSessionOptions
        {
            BaseUri = Proxy?.BaseUri ?? Server.BaseUri,
            Credential = credential,
            Trace = Trace.Enqueue,
            Retry = new AtlasRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100), AttemptTimeout = TimeSpan.FromSeconds(20) },
        };
        configure?.Invoke(options);
        return options;
    }

    public AtlasSession Digest(Action<AtlasSessionOptions>? configure = null, string? privateKey = null) =>
        Track(new AtlasSession(Options(new AtlasDigestCredential(Seed.Admin.PublicKey, privateKey ?? Seed.Admin.PrivateKey), configure)));

    public AtlasSession ServiceAccount(Action<AtlasSessionOptions>? configure = null, string? secret = null) =>
        Track(new AtlasSession(Options(new AtlasServiceAccountCredential(Seed.ServiceAccount.ClientId, secret ?? Seed.ServiceAccount.ClientSecret), configure)));

    /// <summary>Requests to the API (not the token endpoint) logged since <paramref name="skip"/>.</summary>
    public IReadOnlyList<LoggedRequest> ApiRequests(int skip = 0) =>
        Server.Log.Since(skip).Where(r => r.Path.StartsWith("/api/atlas/", StringComparison.Ordinal)).ToList();

    public int TokenRequests => Server.Log.Entries.Count(r => r.Path == "/api/oauth/token");

    public AtlasSession Track(AtlasSession session)
    {
        sessions.Add(session);
        return session;
    }
}

/// <summary>A test class whose every test gets its own stub server.</summary>
public abstract class StubTest : IAsyncLifetime
{
    protected StubHarness Stub { get; } = new();

    public Task InitializeAsync() => Stub.InitializeAsync();

    public Task DisposeAsync() => Stub.DisposeAsync();
}
