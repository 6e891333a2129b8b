using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
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
/// A service involved in a situation adds a person to it: pseudonymised (role, pseudonym or
/// initials, age or band, school and class). Only the lead service may enter an identity: it is the
/// one service that sees every identity of its situation; another would not see what it typed.
/// </summary>
public sealed class AddPersonModel(
    CashDbContext db,
    IAuthorizationService authorization,
    SituationContent content,
    ActiveSchools activeSchools,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public Situation Item { get; private set; } = null!;

    public bool WithIdentity { get; private set; }

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, cancellationToken);
        return situation is null ? NotFound() : await ShowAsync(situation, cancellationToken);
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

        await ShowAsync(situation, cancellationToken);
        var at = clock.GetUtcNow();
        var person = Input.Check(ModelState, Schools, current: null, WithIdentity, Brussels.DayOf(at), text);
        if (person is null)
        {
            return Page();
        }

        var added = new InvolvedPerson(Guid.CreateVersion7(), situation.Id, person.Role, at);
        person.ApplyTo(added);
        added.Pseudonym = await content.SealPseudonymAsync(added, person.Pseudonym, cancellationToken);
        if (person.Identity is not null)
        {
            added.Identity = await content.SealIdentityAsync(added, person.Identity, cancellationToken);
        }

        db.InvolvedPeople.Add(added);
        situation.Touch(at);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            // The situation changed at this very moment (closed, say): nothing was written; the form again, as typed.
            db.ChangeTracker.Clear();
            var now = await FindAsync(id, cancellationToken);
            if (now is null)
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, text["Details.ChangedMeanwhile"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(now, cancellationToken);
        }

        return RedirectToPage("Details", new { id, fait = "personne-ajoutee" });
    }

    /// <summary>The situation, if the viewer's service is involved in it; otherwise it does not exist for them.</summary>
    private async Task<Situation?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        return await db.FindSituationAsync(authorization, User, id, SituationOperations.Contribute, cancellationToken) is { IsErased: false } situation ? situation : null;
    }

    private async Task<PageResult> ShowAsync(Situation situation, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "situations";
        Item = situation;
        WithIdentity = (await authorization.AuthorizeAsync(User, situation, SituationOperations.Lead)).Succeeded;
        Schools = await activeSchools.GetAsync(cancellationToken);
        return Page();
    }
}
