using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Audit;

/// <summary>
/// Appends entries to the hash-chained audit trail: one call per event, or automatically for
/// every create, update and delete of an <see cref="IAuditedRecord"/> (see <see cref="AuditedRecordInterceptor"/>).
/// </summary>
/// <remarks>
/// Each entry is written in its own short transaction, on a context of its own, so a business
/// save that fails never takes its audit entry with it, and an audit entry never drags a business
/// save back. Appends are serialized twice: a semaphore inside this process, and a database lock
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

    private readonly SemaphoreSlim appending = new(1, 1);

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
        await appending.WaitAsync(cancellationToken);
        try
        {
            await AppendAsync(new AuditEntry(action, outcome, actor, service, entityType, entityId), cancellationToken);
        }
        finally
        {
            appending.Release();
        }
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

    public void Dispose() => appending.Dispose();

    /// <summary>The name a record goes by in the trail: its class name, the same for a call and for the interceptor.</summary>
    internal static string EntityTypeOf(IAuditedRecord record) => record.GetType().Name;

    private async Task AppendAsync(AuditEntry draft, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(
            async ct =>
            {
                // A retried attempt starts over: a sealed entry cannot be sealed again.
                db.ChangeTracker.Clear();
                var attempt = new AuditEntry(draft.Action, draft.Outcome, draft.ActorId, draft.PartnerServiceId, draft.EntityType, draft.EntityId);

                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
                }

                var last = await db.AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(ct);
                Seal(attempt, (last?.Sequence ?? 0) + 1, last?.Hash);

                db.AuditEntries.Add(attempt);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            },
            cancellationToken);
    }

    private void Seal(AuditEntry entry, long sequence, byte[]? previousHash)
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
