using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Tests.Support;

/// <summary>A loopback TCP proxy in front of the stub server that breaks connections on purpose:
/// the faults a network, a load balancer or an idle-timeout make, below anything the server can
/// inject. It frames HTTP/1.1 only as far as it must (one request, one answer), keeps every client
/// connection alive unless a fault closes it (so clients reuse connections), and logs each request
/// with its connection.</summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri upstream;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<int, TcpClient> open = new();
    private readonly List<ProxyRule> rules = [];
    private readonly object gate = new();
    private readonly Task accepting;
    private Random? chaos;
    private double chaosRate;
    private ConnectionFault[] chaosMenu = [];
    private int connections;

    private FaultProxy(Uri upstream)
    {
        this.upstream = upstream;
        listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>Every request that reached the proxy, in order of arrival.</summary>
    public ConcurrentQueue<ProxyEntry> Log { get; } = new();

    /// <summary>Faults applied so far, by kind.</summary>
    public ConcurrentDictionary<ConnectionFault, int> InjectedByKind { get; } = new();

    public int Connections => Volatile.Read(ref connections);

    /// <summary>Starts a proxy on a free loopback port in front of <paramref name="upstream"/>.</summary>
    public static FaultProxy Start(Uri upstream) => new(upstream);

    public void Add(ProxyRule rule)
    {
        lock (gate)
        {
            rules.Add(rule);
        }
    }

    /// <summary>From now on each API request gets, with probability <paramref name="rate"/>, a fault
    /// drawn from <paramref name="menu"/>; seeded, so the draws repeat.</summary>
    public void EnableChaos(int seed, double rate, params ConnectionFault[] menu)
    {
        lock (gate)
        {
            chaos = new Random(seed);
            chaosRate = rate;
            chaosMenu = menu;
        }
    }

    public void DisableChaos()
    {
        lock (gate)
        {
            chaos = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        foreach (var client in open.Values)
        {
            client.Dispose();
        }

        try
        {
            await accepting;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private ConnectionFault? Take(string method, string path, bool reused)
    {
        lock (gate)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                if (rule.Matches(method, path, reused))
                {
                    if (--rule.Count <= 0)
                    {
                        rules.RemoveAt(i);
                    }

                    return rule.Fault;
                }
            }

            if (chaos is not null && path.StartsWith("/api/atlas/", StringComparison.Ordinal) && chaos.NextDouble() < chaosRate)
            {
                return chaosMenu[chaos.Next(chaosMenu.Length)];
            }

            return null;
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            var id = Interlocked.Increment(ref connections);
            open[id] = client;
            _ = Task.Run(() => ServeAsync(id, client));
        }
    }

    private async Task ServeAsync(int id, TcpClient client)
    {
        TcpClient? server = null;
        try
        {
            var token = stopping.Token;
            client.NoDelay = true;
            var toClient = client.GetStream();
            var fromClient = new HttpFrameReader(toClient);
            HttpFrameReader? fromServer = null;
            for (var index = 0; ; index++)
            {
                var request = await fromClient.ReadRequestAsync(token);
                if (request is null)
                {
                    return;
                }

                var fault = Take(request.Method, request.Path, reused: index > 0);
                Log.Enqueue(new ProxyEntry(id, index, request.Method, request.Path, fault));
                if (fault is { } applied)
                {
                    InjectedByKind.AddOrUpdate(applied, 1, (_, n) => n + 1);
                }

                if (fault == ConnectionFault.CloseBeforeForwarding)
                {
                    CloseCleanly(client);
                    return;
                }

                if (server is null)
                {
                    server = new TcpClient { NoDelay = true };
                    await server.ConnectAsync(upstream.Host, upstream.Port, token);
                    fromServer = new HttpFrameReader(server.GetStream());
                }

                await server.GetStream().WriteAsync(request.Head, token);
                await server.GetStream().WriteAsync(request.Body, token);
                HttpFrame? answer;
                try
                {
                    answer = await fromServer!.ReadResponseAsync(request.Method, token);
                }
                catch (IOException)
                {
                    answer = null;
                }

                if (answer is null)
                {
                    // The server broke the connection (its own injected drop): pass the break on.
                    Reset(client);
                    return;
                }

                switch (fault)
                {
                    case ConnectionFault.CloseAfterForwarding:
                        CloseCleanly(client);
                        return;
                    case ConnectionFault.ResetAfterForwarding:
                        Reset(client);
                        return;
                    case ConnectionFault.CutBody:
                        await toClient.WriteAsync(answer.Head, token);
                        await toClient.WriteAsync(answer.Body.AsMemory(0, answer.Body.Length / 2), token);
                        CloseCleanly(client);
                        return;
                    case ConnectionFault.Stall:
                        await fromClient.DrainAsync(token);
                        return;
                }

                await toClient.WriteAsync(answer.Head, token);
                await toClient.WriteAsync(answer.Body, token);
                if (answer.ConnectionClose)
                {
                    CloseCleanly(client);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the proxy is stopping.
        }
        finally
        {
            open.TryRemove(id, out _);
            client.Dispose();
            server?.Dispose();
        }
    }

    /// <summary>FIN: everything sent so far arrives, then the end of the stream.</summary>
    private static void CloseCleanly(TcpClient client)
    {
        client.Client.Shutdown(SocketShutdown.Both);
        client.Close();
    }

    /// <summary>RST: the connection is broken, not ended.</summary>
    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();
    }
}
