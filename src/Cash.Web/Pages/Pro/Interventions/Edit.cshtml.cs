using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Interventions;
using Cash.Web.Interventions;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Interventions;

/// <summary>
/// The organising service edits where, when, how and the plan of an intervention still planned,
/// against the version the form was shown with: if someone changed it meanwhile, the form comes
/// back with what was typed.
/// </summary>
public sealed class EditModel(
    CashDbContext db,
    IAuthorizationService authorization,
    InterventionContent content,
    ActiveSchools activeSchools,
    AuditTrail audit,
    IStringLocalizer<InterventionTexts> text) : PageModel
{
    [BindProperty]
    public InterventionInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Intervention Item { get; private set; } = null!;

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Organise, cancellationToken);
        if (intervention is null)
        {
            return NotFound();
        }

        if (intervention.IsPlanned)
        {
            var plan = await content.PlanAsync(intervention, cancellationToken);
            Input = InterventionInput.Of(intervention, plan.Text);
            Version = intervention.Version;
            await audit.RecordReadAsync(intervention, cancellationToken: cancellationToken);
        }

        return await ShowAsync(intervention, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Organise, cancellationToken);
        if (intervention is null)
        {
            return NotFound();
        }

        if (!intervention.IsPlanned)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(intervention, cancellationToken);
        }

        Schools = await SchoolsAsync(intervention, cancellationToken);
        var values = Input.Check(ModelState, Schools, intervention.SchoolId, text);
        if (!ModelState.IsValid || values is null)
        {
            return await ShowAsync(intervention, cancellationToken);
        }

        if (Version != intervention.Version)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        intervention.Schedule(values.SchoolId, Input.Classes, values.Day, values.Start, values.End, Input.Tool);
        intervention.ChangePlan(string.IsNullOrWhiteSpace(Input.Plan) ? null : await content.SealPlanAsync(intervention, Input.Plan.Trim(), cancellationToken));
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage("Details", new { id, fait = "modifiee" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Organise, cancellationToken);
        if (intervention is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, text["ChangedMeanwhile"]);
        Version = intervention.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(intervention, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(Intervention intervention, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "interventions";
        Item = intervention;
        if (Schools.Count == 0)
        {
            Schools = await SchoolsAsync(intervention, cancellationToken);
        }

        return Page();
    }

    /// <summary>The active schools, and the intervention's own even if it was deactivated since.</summary>
    private async Task<IReadOnlyList<SchoolChoice>> SchoolsAsync(Intervention intervention, CancellationToken cancellationToken)
    {
        var active = await activeSchools.GetAsync(cancellationToken);
        if (active.Any(s => s.Id == intervention.SchoolId))
        {
            return active;
        }

        var inactive = await db.Schools.AsNoTracking().Where(s => s.Id == intervention.SchoolId).Select(s => new SchoolChoice(s.Id, s.Name, s.PmsServiceId)).SingleOrDefaultAsync(cancellationToken);
        return inactive is null ? active : [inactive, .. active];
    }
}
