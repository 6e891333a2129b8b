using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tasks;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Procedures;
using Cash.Web.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cash.Web.Pages.Pro.Tasks;

/// <summary>
/// The task list: "my tasks" (given to me, or to my service with nobody named) or "my service's tasks";
/// open ones first, the overdue first then by due day; those done or cancelled lately apart. A title is
/// shown (and its read audited) only where the viewer may read it; a task on a situation the viewer's
/// service is not involved in says "a task on S-…" and nothing more. The late steps of the serious-case
/// procedures the viewer may see are listed after the open tasks: they are work to do as well.
/// </summary>
public sealed class IndexModel(CashDbContext db, TaskContent content, LateSteps lateSteps, PartnerDirectoryCache directory, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const string ServiceView = "service";

    [BindProperty(SupportsGet = true, Name = "vue")]
    public string? View { get; set; }

    public TaskScope Scope { get; private set; }

    /// <summary>No service: nobody's tasks to list (an administrator).</summary>
    public bool SeesNothing { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<Line> Open { get; private set; } = [];

    public IReadOnlyList<Line> Closed { get; private set; } = [];

    /// <summary>The late procedure steps shown (the earliest due first).</summary>
    public const int LateStepsShown = 50;

    public IReadOnlyList<LateStep> Late { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "tasks";
        Scope = View == ServiceView ? TaskScope.MyService : TaskScope.Mine;
        Today = DueReading.Today(clock);
        SeesNothing = User.ServiceId() is null;
        if (SeesNothing)
        {
            return Page();
        }

        var services = await directory.GetAsync(cancellationToken);
        var language = CashCultures.CurrentLanguage;
        Open = await LinesAsync(await TaskList.OpenAsync(db, User, Scope, cancellationToken), services, language, cancellationToken);
        Closed = await LinesAsync(await TaskList.RecentlyClosedAsync(db, User, Scope, clock.GetUtcNow(), cancellationToken), services, language, cancellationToken);
        Late = await lateSteps.ForAsync(User, language, LateStepsShown, cancellationToken);
        await audit.RecordReadsAsync(nameof(WorkTask), Open.Concat(Closed).Where(l => l.Title is not null).Select(l => l.Row.Id.ToString()), cancellationToken);
        return Page();
    }

    private async Task<IReadOnlyList<Line>> LinesAsync(IReadOnlyList<TaskRow> rows, PartnerDirectory services, string language, CancellationToken cancellationToken)
    {
        var lines = new List<Line>(rows.Count);
        foreach (var row in rows)
        {
            var title = row.MayView ? await content.TitleAsync(row.Id, row.ServiceId, row.SituationId, row.Title, cancellationToken) : null;
            lines.Add(new Line(row, title, row.MayView && row.Title is not null && title is null, services.NameOf(row.ServiceId, language) ?? ""));
        }

        return lines;
    }

    /// <param name="Title">Null when not the viewer's to read, erased or unreadable (<paramref name="Unreadable"/>).</param>
    public sealed record Line(TaskRow Row, string? Title, bool Unreadable, string ServiceName);
}
