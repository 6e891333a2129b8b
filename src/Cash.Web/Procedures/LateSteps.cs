using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Procedures;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Procedures;

/// <summary>
/// The late steps of the checklists a professional may see (through <see cref="ChecklistAccess"/>):
/// for the tasks list and the dashboard. A step is late when it is neither done nor set aside and its
/// suggested due day is over in Brussels. Nothing encrypted is read: the situation's reference, the
/// step's title in the reader's language and its due day.
/// </summary>
public sealed class LateSteps(CashDbContext db, TimeProvider clock)
{
    /// <summary>The late steps, earliest due day first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<LateStep>> ForAsync(ClaimsPrincipal user, string language, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var today = Brussels.DayOf(clock.GetUtcNow());
        var checklists = await db.Checklists.AsNoTracking()
            .Allowing(ChecklistAccess.Rule, user, SituationOperations.View)
            .Where(c => c.Situation!.ErasedAt == null && c.Steps.Any(s => s.Status == ChecklistStepStatus.Open))
            .Select(c => new { c.Id, c.SituationId, c.Situation!.Reference, c.StartedOn, c.VersionId, Steps = c.Steps.ToList() })
            .ToListAsync(cancellationToken);
        if (checklists.Count == 0)
        {
            return [];
        }

        var versionIds = checklists.Select(c => c.VersionId).Distinct().ToList();
        var definitions = (await db.ProcedureSteps.AsNoTracking().Where(s => versionIds.Contains(s.VersionId)).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Id);
        return [.. checklists
            .SelectMany(c => ChecklistSchedule.Schedule(c.StartedOn, c.Steps.Select(s => (s, definitions[s.ProcedureStepId])), today)
                .Where(s => s.IsLate)
                .Select(s => new LateStep(c.SituationId, c.Reference, c.Id, s.Record.Id, s.Step.Title.In(language), s.DueOn!.Value)))
            .OrderBy(s => s.DueOn)
            .ThenBy(s => s.Reference, StringComparer.Ordinal)
            .Take(max)];
    }
}

/// <summary>A late step: where it is (<c>/pro/situations/{SituationId}/procedures</c>), what it is and when it was due.</summary>
public sealed record LateStep(Guid SituationId, string Reference, Guid ChecklistId, Guid StepId, string Title, DateOnly DueOn)
{
    public string Url => $"/pro/situations/{SituationId}/procedures#etape-{StepId}";
}
