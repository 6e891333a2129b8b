using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tasks;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Tasks;

/// <summary>
/// One task, as far as <see cref="TaskAccess"/> allows: its metadata to the services it concerns, its
/// title (a read in the audit trail) and its actions — mark done, cancel with a reason, plan again —
/// only where the viewer may see its situation. Each action is checked against the version the page
/// was shown with: the later of two changes is refused with the task as it is now. 404 for anyone else.
/// </summary>
public sealed class DetailsModel(
    CashDbContext db,
    IAuthorizationService authorization,
    TaskContent content,
    PartnerDirectoryCache directory,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<TaskTexts> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public PlanInput Plan { get; private set; } = new();

    public CancelInput Cancelling { get; private set; } = new();

    public WorkTask Item { get; private set; } = null!;

    public bool MayView { get; private set; }

    public bool MayChange { get; private set; }

    /// <summary>The title; null when erased, unreadable, or not the viewer's to read.</summary>
    public string? Title { get; private set; }

    public string? CancelReason { get; private set; }

    public string ServiceName { get; private set; } = "";

    public string? AssigneeName { get; private set; }

    public string? SituationReference { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The members of the task's service, who may be named when planning it again.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await FindAsync(id, TaskOperations.ViewMetadata, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        Plan = new PlanInput { AssigneeId = task.AssigneeId, Due = TaskDueKind.Date, DueOn = task.DueOn is { } due ? TaskDueDays.Format(due) : null, Version = task.Version };
        Cancelling = new CancelInput { Version = task.Version };
        return await ShowAsync(task, cancellationToken);
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, [FromForm(Name = "Done.Version")] int version, CancellationToken cancellationToken)
    {
        var task = await FindAsync(id, TaskOperations.Change, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        if (version != task.Version || !task.IsOpen)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        task.MarkDone(User.ProfessionalId()!.Value, clock.GetUtcNow());
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(new { id, fait = "faite" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, [FromForm(Name = nameof(Cancelling))] CancelInput cancelling, CancellationToken cancellationToken)
    {
        var task = await FindAsync(id, TaskOperations.Change, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        Cancelling = cancelling;
        Plan = new PlanInput { AssigneeId = task.AssigneeId, Due = TaskDueKind.Date, DueOn = task.DueOn is { } due ? TaskDueDays.Format(due) : null, Version = task.Version };
        if (!ModelState.IsValid)
        {
            return await ShowAsync(task, cancellationToken);
        }

        if (cancelling.Version != task.Version || !task.IsOpen)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        task.Cancel(await content.SealCancelReasonAsync(task, cancelling.Reason!.Trim(), cancellationToken), User.ProfessionalId()!.Value, clock.GetUtcNow());
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(new { id, fait = "annulee" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostPlanAsync(Guid id, [FromForm(Name = nameof(Plan))] PlanInput plan, CancellationToken cancellationToken)
    {
        var task = await FindAsync(id, TaskOperations.Change, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        Plan = plan;
        Cancelling = new CancelInput { Version = task.Version };
        await LoadMembersAsync(task, cancellationToken);
        if (plan.AssigneeId is { } assignee && Members.All(m => m.Id != assignee))
        {
            ModelState.AddModelError($"{nameof(Plan)}.{nameof(PlanInput.AssigneeId)}", text["Task.Assignee.NotOffered"]);
        }

        var dueOn = DueReading.Read(plan, nameof(Plan), DueReading.Today(clock), ModelState, text);
        if (!ModelState.IsValid || dueOn is null)
        {
            return await ShowAsync(task, cancellationToken);
        }

        if (plan.Version != task.Version || !task.IsOpen)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        task.Plan(plan.AssigneeId, dueOn);
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage(new { id, fait = "planifiee" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    /// <summary>The task, tracked, if the viewer may do <paramref name="operation"/> on it; otherwise it does not exist for them.</summary>
    private async Task<WorkTask?> FindAsync(Guid id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var task = await db.WorkTasks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return task is not null && (await authorization.AuthorizeAsync(User, task, operation)).Succeeded ? task : null;
    }

    /// <summary>The later of two changes: the task as it is now, the refusal said, what was typed kept.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var task = await FindAsync(id, TaskOperations.ViewMetadata, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, text["Task.ChangedMeanwhile"]);
        Plan.Version = task.Version;
        Cancelling.Version = task.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(task, cancellationToken);
    }

    private async Task LoadMembersAsync(WorkTask task, CancellationToken cancellationToken) =>
        Members = [.. (await db.Users.AsNoTracking()
                .Where(p => p.PartnerServiceId == task.ServiceId && (p.DisabledAt == null || p.Id == task.AssigneeId))
                .OrderBy(p => p.DisplayName).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.DisplayName })
                .ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.DisplayName))];

    private async Task<PageResult> ShowAsync(WorkTask task, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "tasks";
        Item = task;
        Today = DueReading.Today(clock);
        MayView = (await authorization.AuthorizeAsync(User, task, TaskOperations.View)).Succeeded;
        MayChange = MayView && task.IsOpen && (await authorization.AuthorizeAsync(User, task, TaskOperations.Change)).Succeeded;
        var services = await directory.GetAsync(cancellationToken);
        ServiceName = services.NameOf(task.ServiceId, CashCultures.CurrentLanguage) ?? "";
        AssigneeName = task.AssigneeId is { } assignee
            ? await db.Users.AsNoTracking().Where(p => p.Id == assignee).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        SituationReference = task.SituationId is { } situation
            ? await db.Situations.AsNoTracking().Where(s => s.Id == situation).Select(s => s.Reference).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (MayChange && Members.Count == 0)
        {
            await LoadMembersAsync(task, cancellationToken);
        }

        if (MayView)
        {
            Title = await content.TitleAsync(task, cancellationToken);
            CancelReason = await content.CancelReasonAsync(task, cancellationToken);
            if (task.Title is not null)
            {
                // Every display of the title is a read (PRODUCT.md: audit every read).
                await audit.RecordReadAsync(task, cancellationToken: cancellationToken);
            }
        }

        return Page();
    }
}
