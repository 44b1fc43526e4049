using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>Paces a whole session by what Atlas says of its rate limit. RateLimit-Remaining becomes a
/// number of credits that requests take before they go out; when it reaches 0, or after a 429
/// (waiting its Retry-After), the session pauses and then lets one request probe the limit before
/// the others follow. Without rate-limit headers nothing is paced.</summary>
internal sealed class RateGate(TimeProvider time)
{
    /// <summary>How long to hold back when the bucket is empty but Atlas gave no Retry-After.</summary>
    internal static readonly TimeSpan EmptyBucketPause = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private readonly object sync = new();
    private DateTimeOffset notBefore = DateTimeOffset.MinValue;
    private DateTimeOffset lastObserved = DateTimeOffset.MinValue;
    private int credits = -1;   // -1: the server has not said; no pacing
    private int inFlight;       // requests let through and not yet answered
    private long nextTicket;    // the order in which requests were let through
    private long newestTicket;  // the latest-let-through request whose answer has been read

    /// <summary>Requests left before the server's bucket is empty, as far as it has said (-1: it has not).</summary>
    public int Credits => Volatile.Read(ref credits);

    /// <summary>How many times the gate has closed.</summary>
    public int Pauses { get; private set; }

    /// <summary>Waits until a request may go out, and takes its credit. Returns the request's ticket
    /// (its place in the order of requests let through), which <see cref="Observe"/> takes back.</summary>
    public async Task<long> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (sync)
            {
                var now = time.GetUtcNow();
                wait = notBefore - now;
                if (wait <= TimeSpan.Zero)
                {
                    if (credits < 0)
                    {
                        inFlight++;
                        return ++nextTicket;
                    }

                    if (credits > 0)
                    {
                        credits--;
                        inFlight++;
                        return ++nextTicket;
                    }

                    if (now - lastObserved >= EmptyBucketPause)
                    {
                        lastObserved = now;   // nothing heard for a while: one request probes
                        inFlight++;
                        return ++nextTicket;
                    }

                    wait = PollInterval;
                }
            }

            await time.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A request let through got no answer (the connection broke).</summary>
    public void Abandon()
    {
        lock (sync)
        {
            inFlight = Math.Max(0, inFlight - 1);
        }
    }

    /// <summary>Reads the rate-limit headers of the answer to the request with <paramref name="ticket"/>.</summary>
    public void Observe(HttpResponseMessage response, long ticket)
    {
        var limited = (int)response.StatusCode == 429;
        int? remaining = response.Headers.TryGetValues("RateLimit-Remaining", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : null;
        lock (sync)
        {
            inFlight = Math.Max(0, inFlight - 1);
            if (!limited && remaining is null)
            {
                if (credits >= 0 && (int)response.StatusCode < 300)
                {
                    credits = -1;   // the server has stopped counting: so do we
                }

                return;
            }

            var now = time.GetUtcNow();
            lastObserved = now;
            if (limited || remaining <= 0)
            {
                var until = now + (limited ? RetryHandler.RetryAfter(response, now) ?? EmptyBucketPause : EmptyBucketPause);
                if (until > notBefore)
                {
                    notBefore = until;
                    Pauses++;
                }

                // After the pause one request probes, if the server counts at all; a 429 from a
                // server that sends no RateLimit-Remaining only pauses.
                credits = credits >= 0 || remaining is not null ? 1 : -1;
            }
            else
            {
                // What the server has left, less what is already on its way to it. Answers of
                // concurrent requests arrive in any order, and an answer overtaken by the answer of a
                // request let through after it tells of an older, fuller bucket: it may lower the
                // credits but never raise them.
                var estimate = Math.Max(0, remaining!.Value - inFlight);
                if (ticket > newestTicket || credits < 0)
                {
                    newestTicket = Math.Max(newestTicket, ticket);
                    credits = estimate;
                }
                else
                {
                    credits = Math.Min(credits, estimate);
                }
            }
        }
    }
}
