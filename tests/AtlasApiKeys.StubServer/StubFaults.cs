using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace AtlasApiKeys.StubServer;

public enum FaultKind
{
    /// <summary>429 RATE_LIMITED, with Retry-After when one is given.</summary>
    TooManyRequests,
    /// <summary>500 UNEXPECTED_ERROR.</summary>
    InternalServerError,
    /// <summary>502 from a gateway, with an HTML page.</summary>
    BadGateway,
    /// <summary>503, with Retry-After when one is given.</summary>
    ServiceUnavailable,
    /// <summary>Waits <see cref="Fault.Delay"/> before handling.</summary>
    Latency,
    /// <summary>Closes the connection before the server acts.</summary>
    DropBeforeAction,
    /// <summary>Acts (a create creates), then closes the connection before answering.</summary>
    DropAfterAction,
    /// <summary>Acts, then answers 200 with a truncated JSON body.</summary>
    MalformedBody,
    /// <summary>Answers with an HTML page and <see cref="Fault.Status"/> (a proxy's error page).</summary>
    HtmlBody,
    /// <summary>Never answers until the client gives up.</summary>
    Hang,
    /// <summary>403 USER_UNAUTHORIZED: the credentials lack the role the operation needs.</summary>
    Forbidden,
    /// <summary>403 RESOURCE_REQUIRES_ACCESS_LIST: the resource may be reached only through an API access list.</summary>
    ResourceRequiresAccessList,
}

/// <summary>One injected fault, for the next <see cref="Count"/> requests that match.</summary>
public sealed class Fault
{
    public FaultKind Kind { get; init; }

    public int Count { get; set; } = 1;

    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan Delay { get; init; }

    public int Status { get; init; } = 502;

    /// <summary>Only requests with this method (null: any).</summary>
    public string? Method { get; init; }

    /// <summary>Only requests whose path contains this (null: any API request, not the token endpoint).</summary>
    public string? PathContains { get; init; }

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null ? path.StartsWith("/api/atlas/", StringComparison.Ordinal) : path.Contains(PathContains, StringComparison.Ordinal));
}

/// <summary>Fault injection switched per test, and an optional token-bucket rate limit.</summary>
public sealed class StubFaults
{
    private readonly object gate = new();
    private readonly List<Fault> queue = [];
    private double tokens;
    private DateTimeOffset refilled = DateTimeOffset.UtcNow;
    private int injected;
    private Random? chaos;
    private double chaosRate;
    private Fault[] chaosMenu = [];

    /// <summary>Latency added to every request (network round-trip stand-in).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Bucket size; 0 turns the rate limit off.</summary>
    public int BucketCapacity { get; private set; }

    /// <summary>Tokens added per second.</summary>
    public double BucketRefillPerSecond { get; private set; }

    public int Injected => Volatile.Read(ref injected);

    /// <summary>Faults injected so far, by kind ("TooManyRequests+Retry-After" apart from "TooManyRequests").</summary>
    public ConcurrentDictionary<string, int> InjectedByKind { get; } = new(StringComparer.Ordinal);

    /// <summary>From now on each API request (not the token endpoint) gets, with probability
    /// <paramref name="rate"/>, a fault drawn from <paramref name="menu"/>; seeded, so a run repeats.</summary>
    public void EnableChaos(int seed, double rate, params Fault[] menu)
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

    public static string Label(Fault fault) => fault.Kind + (fault.RetryAfter is null ? string.Empty : "+Retry-After");

    public void Add(Fault fault)
    {
        lock (gate)
        {
            queue.Add(fault);
        }
    }

    public void Add(FaultKind kind, int count = 1, TimeSpan? retryAfter = null, string? method = null) =>
        Add(new Fault { Kind = kind, Count = count, RetryAfter = retryAfter, Method = method });

    public void Clear()
    {
        lock (gate)
        {
            queue.Clear();
        }
    }

    public void EnableTokenBucket(int capacity, double refillPerSecond)
    {
        lock (gate)
        {
            BucketCapacity = capacity;
            BucketRefillPerSecond = refillPerSecond;
            tokens = capacity;
            refilled = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>Takes the first queued fault that matches, if any.</summary>
    internal Fault? Take(string method, string path)
    {
        lock (gate)
        {
            for (var i = 0; i < queue.Count; i++)
            {
                var fault = queue[i];
                if (!fault.Matches(method, path))
                {
                    continue;
                }

                if (--fault.Count <= 0)
                {
                    queue.RemoveAt(i);
                }

                return Count(fault);
            }

            if (chaos is not null && chaosMenu.Length > 0 && path.StartsWith("/api/atlas/", StringComparison.Ordinal) && chaos.NextDouble() < chaosRate)
            {
                return Count(chaosMenu[chaos.Next(chaosMenu.Length)]);
            }

            return null;
        }
    }

    private Fault Count(Fault fault)
    {
        injected++;
        InjectedByKind.AddOrUpdate(Label(fault), 1, (_, n) => n + 1);
        return fault;
    }

    /// <summary>Takes a token from the bucket: (allowed, remaining, seconds until the next token).</summary>
    internal (bool Allowed, int Remaining, int RetryAfterSeconds) TakeToken()
    {
        lock (gate)
        {
            if (BucketCapacity <= 0)
            {
                return (true, -1, 0);
            }

            var now = DateTimeOffset.UtcNow;
            tokens = Math.Min(BucketCapacity, tokens + ((now - refilled).TotalSeconds * BucketRefillPerSecond));
            refilled = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                return (true, (int)tokens, 0);
            }

            var wait = (int)Math.Ceiling((1 - tokens) / BucketRefillPerSecond);
            return (false, 0, Math.Max(wait, 1));
        }
    }
}
