using Microsoft.Extensions.Options;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Stops receipt codes being guessed: look-ups are counted per client and for the whole site over a
/// window (default 15 minutes); past its own limit a client is refused until the window passes,
/// past the site's limit every look-up waits the longest delay, and each wrong code from a client
/// makes its next answer slower (doubling from 250 ms up to 8 s). Kept in memory only, never
/// stored; with several app instances each counts its own share, so divide the limits accordingly (README).
/// </summary>
/// <remarks>
/// An attempt is counted <em>before</em> the look-up (<see cref="TryCount"/>) and given back when
/// the code was right (<see cref="Refund"/>): counting only after a wrong answer would let a burst
/// of parallel guesses all pass the check before the first of them is counted.
/// </remarks>
public sealed class FollowUpGuard(IOptions<HelpLimitOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, Attempts> clients = new(StringComparer.Ordinal);
    private int pruneAbove = PruneAbove;
    private readonly Lock gate = new();
    private Attempts global = new(DateTimeOffset.MinValue, 0);

    private HelpLimitOptions Limits => options.Value;

    private TimeSpan Window => TimeSpan.FromMinutes(Math.Max(1, Limits.FollowUpWindowMinutes));

    /// <summary>
    /// Counts one look-up by <paramref name="client"/>, or refuses it (false) when the client used
    /// up its attempts for now. <paramref name="delay"/> is how long to wait before answering: zero
    /// until a first wrong code, then doubling; the longest past the whole site's limit.
    /// </summary>
    /// <remarks>
    /// The whole site's limit slows every look-up down rather than refusing it: refusing everyone
    /// would let one determined client shut the follow-up for every young person.
    /// </remarks>
    public bool TryCount(string client, out TimeSpan delay)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var before = clients.TryGetValue(client, out var attempts) ? attempts.CountAt(now, Window) : 0;
            if (before >= Limits.FollowUpFailuresPerClient)
            {
                delay = TimeSpan.Zero;
                return false;
            }

            delay = global.CountAt(now, Window) >= Limits.FollowUpFailuresGlobal
                ? TimeSpan.FromMilliseconds(Math.Max(0, Limits.FollowUpMaxDelayMilliseconds))
                : DelayAfter(before, Limits.FollowUpDelayMilliseconds, Limits.FollowUpMaxDelayMilliseconds);
            clients[client] = (attempts ?? new Attempts(now, 0)).Add(now, Window);
            global = global.Add(now, Window);
            Prune(now);
            return true;
        }
    }

    /// <summary>
    /// Gives back the attempt counted for a look-up that was not a guess: the right code, or text
    /// that is not a code at all. Only that one attempt: the earlier wrong codes stay counted, so
    /// guessing between two codes of one's own gains nothing.
    /// </summary>
    public void Refund(string client)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (clients.TryGetValue(client, out var attempts))
            {
                clients[client] = attempts.Remove(now, Window);
            }

            global = global.Remove(now, Window);
        }
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

    private void Prune(DateTimeOffset now)
    {
        // Amortized: after a sweep, the next waits until the table has doubled, so clients that all
        // stay inside the window (one guess per /64 of a whole /48) never make every look-up pay a full scan.
        if (clients.Count <= pruneAbove)
        {
            return;
        }

        foreach (var (key, attempts) in clients)
        {
            if (attempts.CountAt(now, Window) == 0)
            {
                clients.Remove(key);
            }
        }

        pruneAbove = Math.Max(PruneAbove, clients.Count * 2);
    }

    /// <summary>Attempts counted since <paramref name="WindowStart"/>; a new window starts from zero.</summary>
    private sealed record Attempts(DateTimeOffset WindowStart, int Count)
    {
        public Attempts Add(DateTimeOffset now, TimeSpan window) =>
            now - WindowStart >= window ? new Attempts(now, 1) : this with { Count = Count + 1 };

        public Attempts Remove(DateTimeOffset now, TimeSpan window) =>
            now - WindowStart >= window ? this : this with { Count = Math.Max(0, Count - 1) };

        public int CountAt(DateTimeOffset now, TimeSpan window) => now - WindowStart >= window ? 0 : Count;
    }
}
