using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Procedures;
using Cash.Web.PartnerServices;
using Cash.Web.Procedures;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Procedures;

/// <summary>Reads checklists (already allowed by the access rule) into what the pages show, opening their texts and auditing each read.</summary>
internal static class ChecklistReader
{
    public static async Task<IReadOnlyList<ChecklistView>> ReadAsync(
        CashDbContext db, ChecklistTexts texts, AuditTrail audit, PartnerDirectoryCache directory,
        IReadOnlyList<Checklist> checklists, string language, DateOnly today, CancellationToken cancellationToken)
    {
        if (checklists.Count == 0)
        {
            return [];
        }

        var versionIds = checklists.Select(c => c.VersionId).Distinct().ToList();
        var versions = await db.ProcedureVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Number }).ToDictionaryAsync(v => v.Id, v => v.Number ?? 0, cancellationToken);
        var templateIds = checklists.Select(c => c.TemplateId).Distinct().ToList();
        var templates = await db.ProcedureTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var definitions = await db.ProcedureSteps.AsNoTracking().Where(s => versionIds.Contains(s.VersionId)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var services = await directory.GetAsync(cancellationToken);

        var views = new List<ChecklistView>(checklists.Count);
        foreach (var checklist in checklists.OrderByDescending(c => c.StartedAt.UtcTicks))
        {
            var scheduled = ChecklistSchedule.Schedule(checklist.StartedOn, checklist.Steps.Select(s => (s, definitions[s.ProcedureStepId])), today);
            var steps = new List<StepView>(scheduled.Count);
            var read = false;
            foreach (var step in scheduled)
            {
                var (text, unreadable) = await texts.OpenAsync(step.Record, cancellationToken);
                read |= text is not null;
                var after = step.Step.AfterStepKey is { } key ? scheduled.FirstOrDefault(s => s.Step.Key == key)?.Step.Title.In(language) : null;
                steps.Add(new StepView(
                    step.Record.Id, step.Step.Position, step.Step.Title.In(language), step.Step.Guidance.In(language), step.Step.Record.In(language),
                    step.Step.Actor, step.Step.DeadlineDays, step.Step.DeadlineFrom, after, step.DueOn, step.IsLate,
                    step.Record.Status, step.Record.DoneOn, text, unreadable));
            }

            var template = templates[checklist.TemplateId];
            views.Add(new ChecklistView(
                checklist.Id, template.Title.In(language), template.Intro.In(language), versions[checklist.VersionId],
                checklist.StartedAt, services.NameOf(checklist.StartedByServiceId, language) ?? "", steps));
            if (read)
            {
                // A checklist's notes shown decrypted are a read (PRODUCT.md: audit every read).
                await audit.RecordReadAsync(checklist, cancellationToken: cancellationToken);
            }
        }

        return views;
    }

    public static DateOnly Today(TimeProvider clock) => Brussels.DayOf(clock.GetUtcNow());
}
