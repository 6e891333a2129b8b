using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Situations;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cash.Web.Situations;

/// <summary>
/// Every hour, erases what names or describes anyone in the situations closed for
/// <see cref="SituationOptions.RetentionMonths"/> months (default 24; PRODUCT.md: forget): the
/// people's pseudonyms and identities, the summary and class, the journal texts, the referrals'
/// texts, the documents and the texts of its tasks. The anonymous facts stay for the statistics (school, forms, severity,
/// channel, services, dates, outcome). One save per situation, so a situation is erased whole or
/// not at all; each changed record is audited by the audited-record interceptor, and the erasure
/// itself once more as <see cref="AuditActions.SituationErase"/>.
/// </summary>
public sealed partial class RetentionJob(IServiceScopeFactory scopes, AuditTrail audit, TimeProvider clock, IOptions<SituationOptions> options, ILogger<RetentionJob> logger)
    : PeriodicJob(clock, logger)
{
    private const int BatchSize = 20;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>Erases the situations due at <paramref name="now"/>; returns how many were erased.</summary>
    public async Task<int> EraseDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Times compare in UTC (on SQLite they are sortable integers that only compare right between UTC values).
        var cutoff = now.ToUniversalTime().AddMonths(-options.Value.RetentionMonths);
        var erased = 0;

        // A situation reopened or written to meanwhile is left for the next run: it is skipped, not retried here.
        var skipped = new HashSet<Guid>();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            var due = await db.Situations.AsNoTracking()
                .Where(s => s.Status == SituationStatus.Closed && s.ErasedAt == null && s.ClosedAt <= cutoff && !skipped.Contains(s.Id))
                .OrderBy(s => s.ClosedAt).ThenBy(s => s.Id)
                .Select(s => s.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var id in due)
            {
                if (await EraseAsync(db, id, now, cancellationToken))
                {
                    await audit.RecordAsync(AuditActions.SituationErase, AuditOutcome.Success, nameof(Situation), id.ToString(), cancellationToken: cancellationToken);
                    erased++;
                }
                else
                {
                    skipped.Add(id);
                }

                db.ChangeTracker.Clear();
            }
        }

        if (erased > 0)
        {
            Log.Erased(logger, erased);
        }

        return erased;
    }

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => EraseDueAsync(now, cancellationToken);

    /// <summary>Erases one situation in one save; false when it changed meanwhile (nothing written).</summary>
    private static async Task<bool> EraseAsync(CashDbContext db, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var situation = await db.Situations.SingleAsync(s => s.Id == id, cancellationToken);
        if (!situation.IsClosed || situation.IsErased)
        {
            return false;
        }

        foreach (var person in await db.InvolvedPeople.Where(p => p.SituationId == id).ToListAsync(cancellationToken))
        {
            person.Erase();
        }

        foreach (var entry in await db.JournalEntries.Where(e => e.SituationId == id).ToListAsync(cancellationToken))
        {
            entry.Erase();
        }

        foreach (var referral in await db.Referrals.Where(r => r.SituationId == id).ToListAsync(cancellationToken))
        {
            referral.Erase();
        }

        foreach (var document in await db.SituationDocuments.Where(d => d.SituationId == id && !d.IsErased).ToListAsync(cancellationToken))
        {
            document.Erase();
        }

        // A task's title and reason may name someone of the situation: forgotten with it.
        foreach (var task in await db.WorkTasks.Where(t => t.SituationId == id && (t.Title != null || t.CancelReason != null)).ToListAsync(cancellationToken))
        {
            task.Erase();
        }

        foreach (var intervention in await db.Interventions.Include(i => i.Services).Where(i => i.SituationId == id).ToListAsync(cancellationToken))
        {
            intervention.Erase();
        }

        foreach (var checklist in await db.Checklists.Include(c => c.Steps).Where(c => c.SituationId == id).ToListAsync(cancellationToken))
        {
            checklist.Erase();
        }

        // Notes of a meeting's agenda item about the situation describe it: forgotten with it.
        foreach (var item in await db.AgendaItems.Where(a => a.SituationId == id && a.Notes != null).ToListAsync(cancellationToken))
        {
            item.Erase();
        }

        situation.Erase(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Reopened, or a journal entry written, since it was read: its Version moved on.
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4862, Level = LogLevel.Information, Message = "Erased {Count} situations closed longer than their retention period; their facts remain.")]
        public static partial void Erased(ILogger logger, int count);
    }
}
