using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Cash.Web.Operations;

/// <summary>
/// Everything an anonymous page's bytes depend on: the address asked for (scheme, host, path and
/// query, as sent), the language resolved for the request, and the negotiated content coding.
/// </summary>
internal readonly record struct RenderedPageKey(bool Https, string Host, string Path, string Query, string Culture, string Coding);

/// <summary>What a value rendered fresh for each visit is made of.</summary>
public enum PerVisitValue
{
    /// <summary>The antiforgery request token, bound to the visitor's antiforgery cookie.</summary>
    AntiforgeryToken,

    /// <summary>A one-time key (<see cref="Guid"/>, "D" format) the form sends back, such as a submission key.</summary>
    OneTimeKey,
}

/// <summary>
/// A page as it went out: its headers, and its body as literal parts with a fresh value between each
/// two (none for a page that is the same bytes for everyone).
/// </summary>
internal sealed class RenderedPage(
    KeyValuePair<string, StringValues>[] headers,
    ReadOnlyMemory<byte>[] parts,
    PerVisitValue[] fresh,
    DateTimeOffset storedAt,
    DateTimeOffset expiresAt)
{
    public KeyValuePair<string, StringValues>[] Headers { get; } = headers;

    public ReadOnlyMemory<byte>[] Parts { get; } = parts;

    /// <summary>One per gap between two <see cref="Parts"/>.</summary>
    public PerVisitValue[] Fresh { get; } = fresh.Length == parts.Length - 1
        ? fresh
        : throw new ArgumentException("A page has one fresh value between each two parts.", nameof(fresh));

    public DateTimeOffset StoredAt { get; } = storedAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public long LiteralLength { get; } = parts.Sum(p => (long)p.Length);

    public bool IsTemplate => Fresh.Length > 0;

    // The last Age header written, kept for the second it stands for: the same text for every visit
    // within that second, made once instead of once per visit.
    private AgeText? lastAge;

    /// <summary>The copy's age at <paramref name="now"/>, in whole seconds, as the <c>Age</c> header writes it.</summary>
    public string AgeAt(DateTimeOffset now)
    {
        var seconds = Math.Max(0, (long)(now - StoredAt).TotalSeconds);
        if (Volatile.Read(ref lastAge) is { } last && last.Seconds == seconds)
        {
            return last.Text;
        }

        var text = seconds.ToString(CultureInfo.InvariantCulture);
        Volatile.Write(ref lastAge, new AgeText(seconds, text));
        return text;
    }

    private sealed record AgeText(long Seconds, string Text);
}

/// <summary>
/// The rendered public pages kept in memory (<see cref="RenderedPageCache"/>), bounded in number and
/// bytes, emptied whenever public content changes. A page rendered while a change was being published
/// is not kept: <see cref="Generation"/> is read before rendering and checked when keeping.
/// </summary>
internal sealed class RenderedPages(TimeProvider clock)
{
    /// <summary>A bound for made-up addresses (every query string is its own entry): beyond it, pages are served uncached.</summary>
    public const int MaxPages = 2_000;

    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>A page larger than this is not kept (the largest public page is about 25 KB).</summary>
    public const int MaxPageBytes = 512 * 1024;

    private readonly ConcurrentDictionary<RenderedPageKey, RenderedPage> pages = new();
    private long generation;
    private long bytes;
    private long lastSweep;

    public long Generation => Interlocked.Read(ref generation);

    public int Count => pages.Count;

    public RenderedPage? Find(in RenderedPageKey key)
    {
        if (!pages.TryGetValue(key, out var page))
        {
            return null;
        }

        if (page.ExpiresAt > clock.GetUtcNow())
        {
            return page;
        }

        Forget(key, page);
        return null;
    }

    /// <summary>Keeps a page rendered since <paramref name="seenGeneration"/>, unless content changed meanwhile or the bounds are reached.</summary>
    public bool TryKeep(RenderedPageKey key, RenderedPage page, long seenGeneration)
    {
        ArgumentNullException.ThrowIfNull(page);
        var size = page.LiteralLength;
        if (seenGeneration != Generation || size > MaxPageBytes || !HasRoomFor(size))
        {
            return false;
        }

        if (!pages.TryAdd(key, page))
        {
            return false;
        }

        Interlocked.Add(ref bytes, size);

        // Emptied between the check and the add: what was rendered before the change must not stay.
        if (seenGeneration != Generation)
        {
            Forget(key, page);
            return false;
        }

        return true;
    }

    /// <summary>Public content changed: every page goes, and pages being rendered now are not kept.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref generation);
        pages.Clear();
        Interlocked.Exchange(ref bytes, 0);
    }

    private bool HasRoomFor(long size)
    {
        if (pages.Count < MaxPages && Interlocked.Read(ref bytes) + size <= MaxBytes)
        {
            return true;
        }

        // Full: drop what has expired, at most once a second, and look again.
        var now = clock.GetUtcNow();
        var last = Interlocked.Read(ref lastSweep);
        if (now.UtcTicks - last < TimeSpan.TicksPerSecond || Interlocked.CompareExchange(ref lastSweep, now.UtcTicks, last) != last)
        {
            return false;
        }

        foreach (var (key, page) in pages)
        {
            if (page.ExpiresAt <= now)
            {
                Forget(key, page);
            }
        }

        return pages.Count < MaxPages && Interlocked.Read(ref bytes) + size <= MaxBytes;
    }

    private void Forget(RenderedPageKey key, RenderedPage page)
    {
        if (pages.TryRemove(new KeyValuePair<RenderedPageKey, RenderedPage>(key, page)))
        {
            Interlocked.Add(ref bytes, -page.LiteralLength);
        }
    }
}
