using System.Buffers.Binary;
using System.Globalization;
using Cash.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// The data keys of field encryption, stored in <see cref="CashDbContext.DataKeys"/> only wrapped
/// under a key derived from the <see cref="MasterKey"/>: a copy of the database alone opens none of them.
/// One key is active (new values); retired keys still decrypt. The first key is created on first use.
/// </summary>
/// <remarks>
/// <para>
/// Which key is active is decided from authenticated metadata only: each key is wrapped with its id,
/// creation and retirement time as associated data, so someone who can write to the database but
/// does not hold the master key cannot un-retire an old key, move its creation time forward or slip
/// in a key of their own to have new values encrypted under it. Such a row no longer opens: it is
/// ignored, and reported (<see cref="KeyRefusals"/>). Keys written before their dates were sealed
/// (bound to their id alone) still decrypt what they sealed but are never chosen to encrypt again;
/// the first load that finds no authenticated active key retires them and starts a new one.
/// </para>
/// <para>
/// Unwrapped keys are cached in memory. The cache is reloaded when a value names a key it does not
/// hold, and at least every <see cref="RefreshInterval"/>, so every instance sharing the database
/// follows a rotation done by another (or by the command line) within that time.
/// </para>
/// </remarks>
public sealed class FieldKeyRing : IDisposable
{
    /// <summary>The purpose the wrapping key is derived for; changing it would orphan every data key.</summary>
    public const string WrappingPurpose = "cash/field-keys/v1";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>Starts the associated data of a key wrapped with its dates, so it can never be taken for one bound to its id alone.</summary>
    private static readonly byte[] MetadataLabel = "cash/field-keys/metadata/v2"u8.ToArray();

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly KeyRefusals? refusals;
    private readonly byte[] wrappingKey;
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Snapshot? snapshot;

    public FieldKeyRing(IServiceScopeFactory scopes, MasterKey masterKey, TimeProvider clock, KeyRefusals? refusals = null)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        this.scopes = scopes;
        this.clock = clock;
        this.refusals = refusals;
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
            var now = WholeMilliseconds(clock.GetUtcNow());
            RetireActive(await db.DataKeys.ToListAsync(cancellationToken), now);
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

    /// <summary>True when <paramref name="row"/> opens under <paramref name="masterKey"/>: how the start-up check knows the key is this database's.</summary>
    internal static bool IsSealedUnder(MasterKey masterKey, DataKey row)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        ArgumentNullException.ThrowIfNull(row);
        return Open(masterKey.Derive(WrappingPurpose), row) is not null;
    }

    internal FieldKey GetActiveKey() => Fresh(snapshot) ?? Run(Reload(snapshot, synchronously: true, default)).Active!;

    internal async ValueTask<FieldKey> GetActiveKeyAsync(CancellationToken cancellationToken) =>
        Fresh(snapshot) ?? (await Reload(snapshot, synchronously: false, cancellationToken)).Active!;

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
                ? db.DataKeys.ToList()
                : await db.DataKeys.ToListAsync(cancellationToken);
            var now = WholeMilliseconds(clock.GetUtcNow());
            var loaded = Build(keys, now);
            if (loaded.Active is null)
            {
                RetireActive(keys, now);
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
                loaded = Build(keys, now);
            }

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
        return new DataKey(id, Wrap(material, id, now, retiredAt: null), now);
    }

    private byte[] Wrap(byte[] material, Guid id, DateTimeOffset createdAt, DateTimeOffset? retiredAt) =>
        AesGcmEnvelope.Seal(wrappingKey, material, Metadata(id, createdAt, retiredAt));

    /// <summary>
    /// Retires every key that is active by its authenticated dates, wrapped again to cover the
    /// retirement, and every key written before dates were sealed that the column shows active.
    /// A row that does not open is left as it was found, for whoever looks into it.
    /// </summary>
    private void RetireActive(List<DataKey> rows, DateTimeOffset now)
    {
        foreach (var row in rows.Where(r => r.RetiredAt is null))
        {
            switch (Open(wrappingKey, row))
            {
                case { DatesSealed: true } opened:
                    row.Retire(now, Wrap(opened.Material, row.Id, row.CreatedAt, now));
                    break;
                case { DatesSealed: false }:
                    row.Retire(now, rewrappedKey: null);
                    break;
            }
        }
    }

    private Snapshot Build(List<DataKey> rows, DateTimeOffset now)
    {
        var keys = new Dictionary<Guid, FieldKey>();
        DataKey? active = null;
        foreach (var row in rows)
        {
            if (Open(wrappingKey, row) is not { } opened)
            {
                refusals?.Report(
                    nameof(DataKey),
                    row.Id.ToString(),
                    string.Create(CultureInfo.InvariantCulture, $"{Convert.ToHexString(row.WrappedKey)}|{row.CreatedAt.UtcTicks}|{row.RetiredAt?.UtcTicks}"),
                    "its wrapping does not open under the master key with the id and dates stored beside it: inserted, altered, un-retired or moved in time");
                continue;
            }

            keys[row.Id] = new FieldKey(row.Id, opened.Material);

            // Two instances may create or rotate at the same moment and leave two active keys: the
            // newest wins everywhere, and the other is still a valid key for what it encrypted.
            if (opened.DatesSealed && row.RetiredAt is null
                && (active is null || row.CreatedAt > active.CreatedAt || (row.CreatedAt == active.CreatedAt && row.Id.CompareTo(active.Id) > 0)))
            {
                active = row;
            }
        }

        if (rows.Count > 0 && keys.Count == 0)
        {
            // Every row refused is a master key that is not this database's far more often than an
            // attack, and a new key under it would split the ring in two.
            throw new InvalidOperationException(
                "No data key can be unwrapped: the configured master key is not the one this database was sealed with, or every key row was altered.");
        }

        return new Snapshot(keys, active is null ? null : keys[active.Id], now);
    }

    /// <summary>The key material, and whether its dates are sealed with it; null when the row does not open.</summary>
    private static OpenedKey? Open(byte[] wrappingKey, DataKey row)
    {
        if (row.CreatedAt == WholeMilliseconds(row.CreatedAt)
            && (row.RetiredAt is not { } retired || retired == WholeMilliseconds(retired))
            && AesGcmEnvelope.Open(wrappingKey, row.WrappedKey, Metadata(row.Id, row.CreatedAt, row.RetiredAt)) is { Length: AesGcmEnvelope.KeyLength } material)
        {
            return new OpenedKey(material, DatesSealed: true);
        }

        // Written before the dates were sealed: bound to the id alone.
        return AesGcmEnvelope.Open(wrappingKey, row.WrappedKey, row.Id.ToByteArray()) is { Length: AesGcmEnvelope.KeyLength } legacy
            ? new OpenedKey(legacy, DatesSealed: false)
            : null;
    }

    /// <summary>label ‖ id (16) ‖ created (Unix ms, 8, big-endian) ‖ retired? (1) ‖ retired (Unix ms, 8, big-endian; 0 when not).</summary>
    private static byte[] Metadata(Guid id, DateTimeOffset createdAt, DateTimeOffset? retiredAt)
    {
        var metadata = new byte[MetadataLabel.Length + 16 + 8 + 1 + 8];
        var span = metadata.AsSpan();
        MetadataLabel.CopyTo(span);
        span = span[MetadataLabel.Length..];
        id.TryWriteBytes(span[..16]);
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(16, 8), createdAt.ToUnixTimeMilliseconds());
        span[24] = retiredAt is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64BigEndian(span.Slice(25, 8), retiredAt?.ToUnixTimeMilliseconds() ?? 0);
        return metadata;
    }

    /// <summary>Dates are sealed to the millisecond and stored exactly so; a finer stored time was changed after sealing.</summary>
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private sealed record OpenedKey(byte[] Material, bool DatesSealed);

    private sealed record Snapshot(Dictionary<Guid, FieldKey> Keys, FieldKey? Active, DateTimeOffset LoadedAt)
    {
        public FieldKey? Find(Guid id) => Keys.GetValueOrDefault(id);
    }
}

/// <summary>An unwrapped data key; never logged, never leaves the process.</summary>
internal sealed record FieldKey(Guid Id, byte[] Material);
