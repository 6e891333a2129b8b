using Cash.Web.Data;

namespace Cash.Web.Operations;

/// <summary>
/// One kind of public content (<see cref="Domain.PublicContentKinds"/>) held in memory: read from the database on first use,
/// then served from memory until this instance commits a change to it
/// (<see cref="PublicContentChanges"/>) or it is older than <see cref="MaxAge"/>. One request
/// reads it again while the others wait for that read, rather than all reading at once.
/// </summary>
/// <remarks>The value is shared by every request: it must be immutable, or treated as such.</remarks>
public sealed class PublicSnapshot<T>(
    string kind,
    Func<CashDbContext, CancellationToken, Task<T>> load,
    PublicContentChanges changes,
    IServiceScopeFactory scopes,
    TimeProvider clock)
    where T : class
{
    /// <summary>
    /// How stale a copy may be after a change made by another instance sharing the database
    /// (PostgreSQL deployments with several instances); this instance's own changes show at once.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly Lock gate = new();
    private Entry? current;
    private (Task<Entry> Task, long Version)? reading;

    /// <summary>The last value read, however old, or null if none was ever read: for a page shown while the database does not answer.</summary>
    public T? Last => Volatile.Read(ref current)?.Value;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref current) is { } fresh && IsFresh(fresh))
        {
            return fresh.Value;
        }

        Task<Entry> read;
        lock (gate)
        {
            // Join a read already going on, unless a change was committed after it began.
            var version = changes.VersionOf(kind);
            if (reading is not { } going || going.Task.IsCompleted || going.Version != version)
            {
                going = (ReadAsync(version), version);
                reading = going;
            }

            read = going.Task;
        }

        // One caller giving up does not cancel the read the others wait for.
        return (await read.WaitAsync(cancellationToken)).Value;
    }

    private async Task<Entry> ReadAsync(long version)
    {
        await Task.Yield();
        var startedAt = clock.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var value = await load(scope.ServiceProvider.GetRequiredService<CashDbContext>(), CancellationToken.None);

        // The version was taken before reading: a change committed during the read leaves this copy
        // one version behind, so the next request reads again.
        var entry = new Entry(value, version, startedAt);
        Volatile.Write(ref current, entry);
        return entry;
    }

    private bool IsFresh(Entry entry) =>
        entry.Version == changes.VersionOf(kind) && clock.GetElapsedTime(entry.ReadAt) < MaxAge;

    private sealed record Entry(T Value, long Version, long ReadAt);
}
