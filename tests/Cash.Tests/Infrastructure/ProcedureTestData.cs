using Cash.Web.Domain.Procedures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests.Infrastructure;

/// <summary>Checklists and drafts written straight into the database, as the pages leave them.</summary>
public static class ProcedureTestData
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A checklist on <paramref name="situation"/> from the latest published version of <paramref name="key"/>, started by <paramref name="by"/> at <paramref name="at"/> (default: now).</summary>
    public static Task<Checklist> StartChecklistAsync(this CashApp app, TestSituation situation, TestProfessional by, string key, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(situation);
        ArgumentNullException.ThrowIfNull(by);
        return app.InDatabaseAsync(async db =>
        {
            var version = await LatestAsync(db, key);
            var checklist = new Checklist(Guid.CreateVersion7(), situation.Id, version, by.Id, by.PartnerServiceId!.Value, at ?? DateTimeOffset.UtcNow);
            db.Checklists.Add(checklist);
            await db.SaveChangesAsync(Cancellation);
            checklist.Steps.Sort((a, b) => version.Steps.Single(s => s.Id == a.ProcedureStepId).Position.CompareTo(version.Steps.Single(s => s.Id == b.ProcedureStepId).Position));
            return checklist;
        });
    }

    /// <summary>A draft of <paramref name="key"/> from its latest version, unless one is in progress.</summary>
    public static Task DraftProcedureAsync(this CashApp app, string key)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InDatabaseAsync(async db =>
        {
            var template = await db.ProcedureTemplates.Include(t => t.Versions).SingleAsync(t => t.Key == key, Cancellation);
            if (template.Versions.All(v => !v.IsDraft))
            {
                db.ProcedureVersions.Add(ProcedureVersion.DraftFrom(await LatestAsync(db, key), Guid.CreateVersion7(), template.Id, null, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync(Cancellation);
            }
        });
    }

    /// <summary>The steps of the latest published version of <paramref name="key"/>, in order.</summary>
    public static Task<ProcedureVersion> LatestVersionAsync(this CashApp app, string key)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InDatabaseAsync(db => LatestAsync(db, key));
    }

    private static Task<ProcedureVersion> LatestAsync(Cash.Web.Data.CashDbContext db, string key) =>
        db.ProcedureVersions.AsNoTracking().Include(v => v.Steps)
            .Where(v => v.PublishedAt != null && db.ProcedureTemplates.Any(t => t.Id == v.TemplateId && t.Key == key))
            .OrderByDescending(v => v.Number)
            .FirstAsync(Cancellation);
}
