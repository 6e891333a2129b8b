using System.Security.Claims;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Situations;

/// <summary>
/// "Who saw this file": every line of the audit trail about a situation or a record it holds
/// (people, journal entries, referrals, consents, documents), newest first, a page at a time.
/// The trail names records by id only, so the ids are gathered first. The journal entries are
/// those the viewer may read: an entry another service kept to itself stays unknown here too.
/// </summary>
public sealed class SituationHistory(CashDbContext db, AuditQuery query)
{
    public async Task<AuditPage> FindAsync(Guid situationId, ClaimsPrincipal viewer, long? before, CancellationToken cancellationToken)
    {
        var ids = new List<Guid> { situationId };
        ids.AddRange(await db.InvolvedPeople.Where(p => p.SituationId == situationId).Select(p => p.Id).ToListAsync(cancellationToken));
        ids.AddRange(await db.JournalEntries.Where(e => e.SituationId == situationId)
            .Allowing(JournalEntryAccess.Rule, viewer, SituationOperations.View)
            .Select(e => e.Id).ToListAsync(cancellationToken));
        ids.AddRange(await db.Referrals.Where(r => r.SituationId == situationId).Select(r => r.Id).ToListAsync(cancellationToken));
        ids.AddRange(await db.Consents.Where(c => c.SituationId == situationId).Select(c => c.Id).ToListAsync(cancellationToken));
        ids.AddRange(await db.SituationDocuments.Where(d => d.SituationId == situationId).Select(d => d.Id).ToListAsync(cancellationToken));

        // As the trail writes them (IAuditedRecord.AuditId): Guid.ToString().
        return await query.FindAsync(new AuditFilter(EntityIds: [.. ids.Select(id => id.ToString())]), before, cancellationToken);
    }
}
