using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// The lead service edits a situation's details: where it happens, the forms of bullying, since
/// when, the summary. The severity changes on the situation's page, with a reason. A closed
/// situation is reopened first. The change is made against the version the form was shown with:
/// if someone changed the situation meanwhile, the form comes back with what was typed.
/// </summary>
public sealed class EditModel(
    CashDbContext db,
    IAuthorizationService authorization,
    SituationContent content,
    ActiveSchools activeSchools,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    [BindProperty]
    public SituationInput Input { get; set; } = new();

    /// <summary>The situation's version the form was shown with.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Situation Item { get; private set; } = null!;

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        if (!situation.IsClosed)
        {
            Input = new SituationInput
            {
                School = SituationInput.SchoolValue(situation.SchoolId, situation.OutsideSchool),
                ClassName = situation.ClassName,
                Forms = situation.Forms,
                Online = situation.HappensOnline,
                Since = situation.Since,
                Summary = await content.SummaryAsync(situation, cancellationToken),
            };
            Version = situation.Version;

            // The form shows the summary: a read of the content.
            await audit.RecordReadAsync(situation, cancellationToken: cancellationToken);
        }

        return await ShowAsync(situation, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        if (situation.IsClosed)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(situation, cancellationToken);
        }

        Schools = await SchoolsAsync(situation, cancellationToken);
        var place = Input.CheckPlace(ModelState, Schools, situation.SchoolId, text);
        if (!ModelState.IsValid || place is not { } where)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        if (Version != situation.Version)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        situation.SchoolId = where.SchoolId;
        situation.OutsideSchool = where.Outside;
        situation.ClassName = where.SchoolId is null ? null : Input.TrimmedClass;
        situation.Forms = Input.Forms;
        situation.HappensOnline = Input.Online;
        situation.Since = Input.Since;
        situation.Summary = await content.SealSummaryAsync(situation, Input.Summary!.Trim(), cancellationToken);
        situation.Touch(clock.GetUtcNow());
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        return RedirectToPage("Details", new { id, fait = "modifiee" });
    }

    /// <summary>The situation, if the viewer's service leads it; otherwise it does not exist for them.</summary>
    private async Task<Situation?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        return await db.FindSituationAsync(authorization, User, id, SituationOperations.Lead, cancellationToken) is { IsErased: false } situation ? situation : null;
    }

    /// <summary>Someone changed it since the form was shown: the form again, with what was typed, against the new version.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var situation = await FindAsync(id, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, text["Details.ChangedMeanwhile"]);
        Version = situation.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(situation, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(Situation situation, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "situations";
        Item = situation;
        if (Schools.Count == 0)
        {
            Schools = await SchoolsAsync(situation, cancellationToken);
        }

        return Page();
    }

    /// <summary>The active schools, and the situation's own even if it was deactivated since.</summary>
    private async Task<IReadOnlyList<SchoolChoice>> SchoolsAsync(Situation situation, CancellationToken cancellationToken)
    {
        var active = await activeSchools.GetAsync(cancellationToken);
        if (situation.SchoolId is not { } own || active.Any(s => s.Id == own))
        {
            return active;
        }

        var inactive = await db.Schools.AsNoTracking().Where(s => s.Id == own).Select(s => new SchoolChoice(s.Id, s.Name, s.PmsServiceId)).SingleOrDefaultAsync(cancellationToken);
        return inactive is null ? active : [inactive, .. active];
    }
}
