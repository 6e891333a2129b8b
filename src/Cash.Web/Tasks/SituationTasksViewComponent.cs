using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Tasks;

/// <summary>
/// The "Tasks" section of a situation's page: that situation's tasks the viewer may know of (titles
/// only where they may read them, each read audited), and a link to create one for those who may
/// contribute to the situation. Its view is <c>Pages/Shared/Components/SituationTasks/Default.cshtml</c>.
/// </summary>
public sealed class SituationTasksViewComponent(CashDbContext db, IAuthorizationService authorization, TaskContent content, AuditTrail audit, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid situationId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var rows = await TaskList.OnSituationAsync(db, UserClaimsPrincipal, situationId, cancellationToken);
        var lines = new List<SituationTaskLine>(rows.Count);
        foreach (var row in rows)
        {
            var title = row.MayView ? await content.TitleAsync(row.Id, row.ServiceId, row.SituationId, row.Title, cancellationToken) : null;
            lines.Add(new SituationTaskLine(row, title, row.MayView && row.Title is not null && title is null));
        }

        await audit.RecordReadsAsync(nameof(WorkTask), lines.Where(l => l.Title is not null).Select(l => l.Row.Id.ToString()), cancellationToken);
        var situation = await db.Situations.AsNoTracking().Include(s => s.Services).SingleOrDefaultAsync(s => s.Id == situationId, cancellationToken);
        var mayCreate = situation is not null && !situation.IsErased && UserClaimsPrincipal.ServiceId() is not null
            && (await authorization.AuthorizeAsync(UserClaimsPrincipal, situation, SituationOperations.Contribute)).Succeeded;
        return View(new SituationTasks(situationId, lines, mayCreate, Domain.Calendar.Brussels.DayOf(clock.GetUtcNow())));
    }
}

public sealed record SituationTasks(Guid SituationId, IReadOnlyList<SituationTaskLine> Lines, bool MayCreate, DateOnly Today);

/// <param name="Title">Null when not the viewer's to read, erased or unreadable (<paramref name="Unreadable"/>).</param>
public sealed record SituationTaskLine(TaskRow Row, string? Title, bool Unreadable);
