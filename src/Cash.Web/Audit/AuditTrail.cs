using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Audit;

/// <summary>
/// Appends entries to the hash-chained audit trail: one call per event, or automatically for
/// every create, update and delete of an <see cref="IAuditedRecord"/> (see <see cref="AuditedRecordInterceptor"/>).
/// </summary>
/// <remarks>
/// Entries are written in short transactions of their own, on a context of their own, so a business
/// save that fails never takes its audit entry with it, and an audit entry never drags a business
/// save back; entries that arrive while another append runs are written together in the next one
/// (<see cref="GroupCommit{TItem, TResult}"/>), so a burst of events costs a few durable writes rather than one each.
/// Appends are serialized twice: one writer at a time inside this process (the group commit), and a database lock
/// across every process that shares the database (PostgreSQL: an advisory transaction lock;
/// SQLite: the write lock <c>BEGIN IMMEDIATE</c> takes), so no two appends ever read the same last
/// entry and the chain never forks. On SQLite, which has a single writer, call this outside any
/// transaction of your own that has already written, or the append waits for it until it times out.
/// </remarks>
public sealed class AuditTrail(IServiceScopeFactory scopes, AuditSeal seal, TimeProvider clock, IHttpContextAccessor httpContextAccessor) : IDisposable
{
    /// <summary>The column widths; a longer value is refused rather than cut, so what is stored is what was sealed.</summary>
    public const int MaxActionLength = 60;

    public const int MaxEntityTypeLength = 60;

    public const int MaxEntityIdLength = 64;

    /// <summary>Names the audit trail's lock among PostgreSQL advisory locks; the value only has to be fixed ("CASHAUDT" in ASCII).</summary>
    internal const long PostgresLockKey = 0x43415348_41554454;

    /// <summary>At most this many entries in one transaction: a burst is written in a few short transactions, not one long one.</summary>
    private const int MaxBatch = 256;

    /// <summary>
    /// Every entry is queued first, then whoever finds the trail free writes all the entries queued
    /// so far in one transaction. Once queued, an entry is written even if the caller stops waiting: the event happened.
    /// </summary>
    private readonly GroupCommit<AuditEntry, long> commits = new(MaxBatch, batch => AppendAsync(batch, seal, clock, scopes));

    /// <summary>
    /// Records one event. When <paramref name="actorId"/> is null the signed-in professional is the
    /// actor; when <paramref name="partnerServiceId"/> is null it is the signed-in professional's
    /// service, provided the actor is that professional.
    /// </summary>
    public async Task RecordAsync(
        string action,
        AuditOutcome outcome,
        string? entityType = null,
        string? entityId = null,
        Guid? actorId = null,
        int? partnerServiceId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        RefuseLongerThan(action, MaxActionLength, nameof(action));
        RefuseLongerThan(entityType, MaxEntityTypeLength, nameof(entityType));
        RefuseLongerThan(entityId, MaxEntityIdLength, nameof(entityId));

        var (actor, service) = WhoActs(actorId, partnerServiceId);
        await commits.WriteAllAsync([new AuditEntry(action, outcome, actor, service, entityType, entityId)], cancellationToken);
    }

    /// <summary>
    /// Records the successful changes of one save, in their order, in as few transactions as the
    /// queue allows: the audited-record interceptor's entry point.
    /// </summary>
    internal Task RecordChangesAsync(IEnumerable<(string Action, string EntityType, string EntityId)> changes)
    {
        var (actor, service) = WhoActs(null, null);
        return commits.WriteAllAsync([.. changes.Select(c => new AuditEntry(c.Action, AuditOutcome.Success, actor, service, c.EntityType, c.EntityId))], CancellationToken.None);
    }

    /// <summary>Records that a protected record was read (or, with another outcome, that reading it was refused).</summary>
    public Task RecordReadAsync(
        IAuditedRecord record,
        AuditOutcome outcome = AuditOutcome.Success,
        Guid? actorId = null,
        int? partnerServiceId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return RecordAsync(AuditActions.Read, outcome, EntityTypeOf(record), record.AuditId, actorId, partnerServiceId, cancellationToken);
    }

    /// <summary>
    /// Records that several protected records were read at once (a page that lists them, each one
    /// decrypted): one entry per record, written together rather than one transaction each.
    /// </summary>
    /// <param name="entityType">The records' class name, as <see cref="RecordReadAsync"/> would file them (<c>nameof(JournalEntry)</c>).</param>
    /// <param name="entityIds">Their <see cref="IAuditedRecord.AuditId"/>s.</param>
    /// <param name="cancellationToken">Stops waiting; what was queued is written all the same.</param>
    public Task RecordReadsAsync(string entityType, IEnumerable<string> entityIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        ArgumentNullException.ThrowIfNull(entityIds);
        RefuseLongerThan(entityType, MaxEntityTypeLength, nameof(entityType));
        var (actor, service) = WhoActs(null, null);
        var entries = entityIds.Select(id =>
        {
            RefuseLongerThan(id, MaxEntityIdLength, nameof(entityIds));
            return new AuditEntry(AuditActions.Read, AuditOutcome.Success, actor, service, entityType, id);
        }).ToList();
        return entries.Count == 0 ? Task.CompletedTask : commits.WriteAllAsync(entries, cancellationToken);
    }

    /// <summary>Records that a protected record was exported.</summary>
    public Task RecordExportAsync(
        IAuditedRecord record,
        AuditOutcome outcome = AuditOutcome.Success,
        Guid? actorId = null,
        int? partnerServiceId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return RecordExportAsync(EntityTypeOf(record), record.AuditId, outcome, actorId, partnerServiceId, cancellationToken);
    }

    /// <summary>Records an export that is not one record: a list, a statistics file (<paramref name="entityId"/> left null).</summary>
    public Task RecordExportAsync(
        string entityType,
        string? entityId = null,
        AuditOutcome outcome = AuditOutcome.Success,
        Guid? actorId = null,
        int? partnerServiceId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        return RecordAsync(AuditActions.Export, outcome, entityType, entityId, actorId, partnerServiceId, cancellationToken);
    }

    public void Dispose() => commits.Dispose();

    /// <summary>The name a record goes by in the trail: its class name, the same for a call and for the interceptor.</summary>
    internal static string EntityTypeOf(IAuditedRecord record) => record.GetType().Name;

    /// <summary>
    /// Seals a batch in sequence after the last entry, under the database lock, in one transaction;
    /// each entry's result is its sequence number.
    /// </summary>
    private static async Task AppendAsync(IReadOnlyList<GroupCommit<AuditEntry, long>.Item> batch, AuditSeal seal, TimeProvider clock, IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        var sealedEntries = await strategy.ExecuteAsync(
            async ct =>
            {
                // A retried attempt starts over: a sealed entry cannot be sealed again.
                db.ChangeTracker.Clear();
                var attempts = batch.Select(b => b.Value)
                    .Select(d => new AuditEntry(d.Action, d.Outcome, d.ActorId, d.PartnerServiceId, d.EntityType, d.EntityId)).ToList();

                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
                }

                var last = await db.AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(ct);
                var sequence = last?.Sequence ?? 0;
                var previous = last?.Hash;
                foreach (var attempt in attempts)
                {
                    Seal(attempt, ++sequence, previous, seal, clock);
                    previous = attempt.Hash;
                    db.AuditEntries.Add(attempt);
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return attempts;
            },
            CancellationToken.None);

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Succeed(sealedEntries[i].Sequence);
        }
    }

    private static void Seal(AuditEntry entry, long sequence, byte[]? previousHash, AuditSeal seal, TimeProvider clock)
    {
        var at = AuditEntry.TruncateToMilliseconds(clock.GetUtcNow());
        var hash = seal.HashOf(sequence, at, entry, previousHash is null ? AuditSeal.Genesis : previousHash);
        entry.Seal(sequence, at, hash);
    }

    private (Guid? Actor, int? Service) WhoActs(Guid? actorId, int? partnerServiceId)
    {
        var user = httpContextAccessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return (actorId, partnerServiceId);
        }

        var signedIn = user.ProfessionalId();
        var actor = actorId ?? signedIn;

        // Someone else's action (e.g. a failed sign-in for another account) must not be filed under the signed-in user's service.
        var service = partnerServiceId ?? (actor is not null && actor == signedIn ? user.ServiceId() : null);
        return (actor, service);
    }

    private static void RefuseLongerThan(string? value, int length, string parameter)
    {
        if (value is not null && value.Length > length)
        {
            throw new ArgumentException($"At most {length} characters in the audit trail.", parameter);
        }
    }
}
