using Cash.Web.Data;
using Cash.Web.Domain;
using Cash.Web.Domain.Procedures;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Publications;

/// <summary>A procedure as the public resources show it: its latest published version, steps in order.</summary>
public sealed record PublishedProcedure(string Key, ProcedureAudience Audience, LocalizedTexts Title, LocalizedTexts Intro, int Number, DateTimeOffset PublishedAt, IReadOnlyList<PublishedStep> Steps);

/// <summary>One step; <see cref="AfterPosition"/> is the step a deadline is counted from, when it is counted from a step.</summary>
public sealed record PublishedStep(int Position, LocalizedTexts Title, LocalizedTexts Guidance, StepActor Actor, int? DeadlineDays, int? AfterPosition);

/// <summary>The published procedures kept in memory, read again when a coordinator publishes a version.</summary>
public sealed class PublishedProceduresCache(PublicContentChanges changes, IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly PublicSnapshot<IReadOnlyList<PublishedProcedure>> snapshot = new(PublicContentKinds.Procedures, LoadAsync, changes, scopes, clock);

    public async ValueTask<PublishedProcedure?> FindAsync(ProcedureAudience audience, CancellationToken cancellationToken) =>
        (await snapshot.GetAsync(cancellationToken)).FirstOrDefault(p => p.Audience == audience);

    private static async Task<IReadOnlyList<PublishedProcedure>> LoadAsync(CashDbContext db, CancellationToken cancellationToken)
    {
        var templates = await db.ProcedureTemplates.AsNoTracking().OrderBy(t => t.Key).ToListAsync(cancellationToken);
        var procedures = new List<PublishedProcedure>();
        foreach (var template in templates)
        {
            var version = await db.ProcedureVersions.AsNoTracking()
                .Where(v => v.TemplateId == template.Id && v.PublishedAt != null)
                .OrderByDescending(v => v.Number)
                .Include(v => v.Steps)
                .FirstOrDefaultAsync(cancellationToken);
            if (version is null)
            {
                continue;
            }

            var ordered = version.OrderedSteps;
            var positions = ordered.ToDictionary(s => s.Key, s => s.Position);
            procedures.Add(new PublishedProcedure(
                template.Key,
                template.Audience,
                template.Title,
                template.Intro,
                version.Number ?? 0,
                version.PublishedAt!.Value,
                [.. ordered.Select(s => new PublishedStep(
                    s.Position, s.Title, s.Guidance, s.Actor, s.DeadlineDays,
                    s.AfterStepKey is { } after && positions.TryGetValue(after, out var position) ? position : null))]));
        }

        return procedures;
    }
}
