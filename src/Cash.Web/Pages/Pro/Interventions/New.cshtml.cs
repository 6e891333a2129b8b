using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.Situations;
using Cash.Web.Interventions;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Interventions;

/// <summary>
/// A member of a service plans an intervention: their service organises it and takes part; the
/// others are invited from its page. From a situation (<c>?situation={id}</c>) it is linked to it,
/// if the viewer's service may contribute to that situation (otherwise 404).
/// </summary>
public sealed class NewModel(
    CashDbContext db,
    IAuthorizationService authorization,
    InterventionContent content,
    ActiveSchools activeSchools,
    TimeProvider clock,
    IStringLocalizer<InterventionTexts> text) : PageModel
{
    [BindProperty]
    public InterventionInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "situation")]
    public Guid? SituationId { get; set; }

    public Situation? Situation { get; private set; }

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.ServiceId() is null)
        {
            return Forbid();
        }

        if (!await FindSituationAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Situation?.SchoolId is { } school)
        {
            Input.School = school.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.ServiceId() is not { } serviceId || User.ProfessionalId() is not { } professionalId)
        {
            return Forbid();
        }

        if (!await FindSituationAsync(cancellationToken))
        {
            return NotFound();
        }

        Schools = await activeSchools.GetAsync(cancellationToken);
        var values = Input.Check(ModelState, Schools, null, text);
        if (!ModelState.IsValid || values is null)
        {
            return await ShowAsync(cancellationToken);
        }

        var intervention = new Intervention(Guid.CreateVersion7(), serviceId, values.SchoolId, Situation?.Id, professionalId, clock.GetUtcNow());
        intervention.Schedule(values.SchoolId, Input.Classes, values.Day, values.Start, values.End, Input.Tool);
        if (!string.IsNullOrWhiteSpace(Input.Plan))
        {
            intervention.ChangePlan(await content.SealPlanAsync(intervention, Input.Plan.Trim(), cancellationToken));
        }

        db.Interventions.Add(intervention);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("Details", new { id = intervention.Id, fait = "creee" });
    }

    /// <summary>The situation asked for, if any: false when the viewer may not contribute to it (or it is closed).</summary>
    private async Task<bool> FindSituationAsync(CancellationToken cancellationToken)
    {
        if (SituationId is not { } id)
        {
            return true;
        }

        Situation = await db.FindSituationAsync(authorization, User, id, SituationOperations.Contribute, cancellationToken);
        return Situation is { IsClosed: false, IsErased: false };
    }

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "interventions";
        if (Schools.Count == 0)
        {
            Schools = await activeSchools.GetAsync(cancellationToken);
        }

        return Page();
    }
}
