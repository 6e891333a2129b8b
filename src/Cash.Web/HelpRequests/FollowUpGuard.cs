using System.Collections.Concurrent;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Microsoft.Extensions.Options;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Stops receipt codes being guessed: wrong codes are counted per client address and for the whole
/// site over a window (default 15 minutes); past its own limit a client is refused until the window
/// passes, past the site's limit every look-up waits the longest delay, and each wrong code from a
/// client makes its next answer slower (doubling from 250 ms up to 8 s). Kept in memory only, never stored; with several app instances each counts
/// its own share, so divide the limits accordingly (README).
/// </summary>
public sealed class FollowUpGuard(IOptions<HelpLimitOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> clients = new(StringComparer.Ordinal);
    private readonly Lock globalLock = new();
    private DateTimeOffset globalWindowStart = DateTimeOffset.MinValue;
    private int globalFailures;

    private HelpLimitOptions Limits => options.Value;

    private TimeSpan Window => TimeSpan.FromMinutes(Math.Max(1, Limits.FollowUpWindowMinutes));

    /// <summary>False when <paramref name="client"/> used up its wrong codes for now.</summary>
    /// <remarks>
    /// The whole site's limit slows every look-up down instead (<see cref="DelayFor"/>): refusing
    /// everyone would let one determined client shut the follow-up for every young person.
    /// </remarks>
    public bool MayTry(string client) =>
        !clients.TryGetValue(client, out var failures) || failures.CountAt(clock.GetUtcNow(), Window) < Limits.FollowUpFailuresPerClient;

    /// <summary>How long to wait before answering <paramref name="client"/>: zero until a first wrong code, then doubling.</summary>
    public TimeSpan DelayFor(string client)
    {
        var now = clock.GetUtcNow();
        lock (globalLock)
        {
            if (now - globalWindowStart < Window && globalFailures >= Limits.FollowUpFailuresGlobal)
            {
                return TimeSpan.FromMilliseconds(Math.Max(0, Limits.FollowUpMaxDelayMilliseconds));
            }
        }

        var count = clients.TryGetValue(client, out var failures) ? failures.CountAt(now, Window) : 0;
        return DelayAfter(count, Limits.FollowUpDelayMilliseconds, Limits.FollowUpMaxDelayMilliseconds);
    }

    public static TimeSpan DelayAfter(int failures, int firstMilliseconds, int maxMilliseconds)
    {
        if (failures <= 0 || firstMilliseconds <= 0)
        {
            return TimeSpan.Zero;
        }

        var milliseconds = firstMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, maxMilliseconds));
    }

    public void Failed(string client)
    {
        var now = clock.GetUtcNow();
        lock (globalLock)
        {
            if (now - globalWindowStart >= Window)
            {
                globalWindowStart = now;
                globalFailures = 0;
            }

            globalFailures++;
        }

        clients.AddOrUpdate(client, _ => new Failures(now), (_, failures) => failures.Add(now, Window));
        if (clients.Count > PruneAbove)
        {
            foreach (var (key, failures) in clients)
            {
                if (failures.CountAt(now, Window) == 0)
                {
                    clients.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>A right code does not wipe the client's failures: guessing between two own codes gains nothing.</summary>
    private sealed record Failures(DateTimeOffset WindowStart, int Count)
    {
        public Failures(DateTimeOffset at)
            : this(at, 1)
        {
        }

        public Failures Add(DateTimeOffset now, TimeSpan window) =>
            now - WindowStart >= window ? new Failures(now) : this with { Count = Count + 1 };

        public int CountAt(DateTimeOffset now, TimeSpan window) => now - WindowStart >= window ? 0 : Count;
    }
}
