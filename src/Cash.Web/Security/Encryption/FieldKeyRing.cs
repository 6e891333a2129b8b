using Cash.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// The data keys of field encryption, stored in <see cref="CashDbContext.DataKeys"/> only wrapped
/// under a key derived from the <see cref="MasterKey"/>: a copy of the database alone opens none of them.
/// One key is active (new values); retired keys still decrypt. The first key is created on first use.
/// </summary>
/// <remarks>
/// Unwrapped keys are cached in memory. The cache is reloaded when a value names a key it does not
/// hold, and at least every <see cref="RefreshInterval"/>, so every instance sharing the database
/// follows a rotation done by another (or by the command line) within that time.
/// </remarks>
public sealed class FieldKeyRing : IDisposable
{
    /// <summary>The purpose the wrapping key is derived for; changing it would orphan every data key.</summary>
    public const string WrappingPurpose = "cash/field-keys/v1";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly byte[] wrappingKey;
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Snapshot? snapshot;

    public FieldKeyRing(IServiceScopeFactory scopes, MasterKey masterKey, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        this.scopes = scopes;
        this.clock = clock;
        wrappingKey = masterKey.Derive(WrappingPurpose);
    }

    /// <summary>The key new values are encrypted with.</summary>
    public async Task<Guid> GetActiveKeyIdAsync(CancellationToken cancellationToken = default) =>
        (await GetActiveKeyAsync(cancellationToken)).Id;

    /// <summary>Creates a new active key and retires the previous one; values under older keys stay readable.</summary>
    public async Task<Guid> RotateAsync(CancellationToken cancellationToken = default)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            var now = clock.GetUtcNow();
            foreach (var active in await db.DataKeys.Where(k => k.RetiredAt == null).ToListAsync(cancellationToken))
            {
                active.Retire(now);
            }

            var fresh = NewKey(now);
            db.DataKeys.Add(fresh);
            await db.SaveChangesAsync(cancellationToken);
            snapshot = Build(await db.DataKeys.AsNoTracking().ToListAsync(cancellationToken), now);
            return fresh.Id;
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose() => loading.Dispose();

    internal FieldKey GetActiveKey() => Fresh(snapshot) ?? Run(Reload(snapshot, synchronously: true, default)).Active;

    internal async ValueTask<FieldKey> GetActiveKeyAsync(CancellationToken cancellationToken) =>
        Fresh(snapshot) ?? (await Reload(snapshot, synchronously: false, cancellationToken)).Active;

    internal FieldKey? FindKey(Guid id)
    {
        var seen = snapshot;
        return seen?.Find(id) ?? Run(Reload(seen, synchronously: true, default)).Find(id);
    }

    internal async ValueTask<FieldKey?> FindKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var seen = snapshot;
        return seen?.Find(id) ?? (await Reload(seen, synchronously: false, cancellationToken)).Find(id);
    }

    private FieldKey? Fresh(Snapshot? seen) =>
        seen is not null && clock.GetUtcNow() - seen.LoadedAt < RefreshInterval ? seen.Active : null;

    // The synchronous path never really awaits, so its task is complete when it returns.
    private static Snapshot Run(ValueTask<Snapshot> reload) => reload.AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// One loader serves both the synchronous and the asynchronous API (the pattern EF Core uses
    /// internally); a reload that another caller finished while this one waited is reused.
    /// </summary>
    private async ValueTask<Snapshot> Reload(Snapshot? seen, bool synchronously, CancellationToken cancellationToken)
    {
        if (synchronously)
        {
            loading.Wait(cancellationToken);
        }
        else
        {
            await loading.WaitAsync(cancellationToken);
        }

        try
        {
            if (snapshot is { } current && !ReferenceEquals(current, seen))
            {
                return current;
            }

            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            var keys = synchronously
                ? db.DataKeys.AsNoTracking().ToList()
                : await db.DataKeys.AsNoTracking().ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            if (!keys.Any(k => k.IsActive))
            {
                var first = NewKey(now);
                db.DataKeys.Add(first);
                if (synchronously)
                {
                    db.SaveChanges();
                }
                else
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                keys.Add(first);
            }

            var loaded = Build(keys, now);
            snapshot = loaded;
            return loaded;
        }
        finally
        {
            loading.Release();
        }
    }

    private DataKey NewKey(DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var material = System.Security.Cryptography.RandomNumberGenerator.GetBytes(AesGcmEnvelope.KeyLength);
        return new DataKey(id, AesGcmEnvelope.Seal(wrappingKey, material, id.ToByteArray()), now);
    }

    private Snapshot Build(List<DataKey> rows, DateTimeOffset now)
    {
        var keys = rows.ToDictionary(k => k.Id, Unwrap);

        // Two instances may create or rotate at the same moment and leave two active keys: the
        // newest wins everywhere, and the other is still a valid key for what it encrypted.
        var active = rows.Where(k => k.IsActive).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Last();
        return new Snapshot(keys, keys[active.Id], now);
    }

    private FieldKey Unwrap(DataKey row) =>
        AesGcmEnvelope.Open(wrappingKey, row.WrappedKey, row.Id.ToByteArray()) is { Length: AesGcmEnvelope.KeyLength } material
            ? new FieldKey(row.Id, material)
            : throw new InvalidOperationException(
                $"Data key {row.Id} cannot be unwrapped: the configured master key is not the one this database was sealed with, or the key row was altered.");

    private sealed record Snapshot(Dictionary<Guid, FieldKey> Keys, FieldKey Active, DateTimeOffset LoadedAt)
    {
        public FieldKey? Find(Guid id) => Keys.GetValueOrDefault(id);
    }
}

/// <summary>An unwrapped data key; never logged, never leaves the process.</summary>
internal sealed record FieldKey(Guid Id, byte[] Material);
