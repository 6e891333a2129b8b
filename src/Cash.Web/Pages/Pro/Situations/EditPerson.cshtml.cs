using Cash.Web.Audit;
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
/// A service involved in a situation corrects what it says about a person. The identity is shown
/// and changed only by a service that may see it (<see cref="InvolvedPersonAccess"/>, per person);
/// for another, it stays as it is. Opening the form is a read of the person, audited.
/// </summary>
public sealed class EditPersonModel(
    CashDbContext db,
    IAuthorizationService authorization,
    SituationContent content,
    ActiveSchools activeSchools,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public Situation Item { get; private set; } = null!;

    public InvolvedPerson Person { get; private set; } = null!;

    public bool WithIdentity { get; private set; }

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, personId, cancellationToken);
        if (found is not (var situation, var person))
        {
            return NotFound();
        }

        await ShowAsync(situation, person, cancellationToken);
        if (!situation.IsClosed)
        {
            var identity = WithIdentity ? await content.IdentityAsync(person, cancellationToken) : null;
            Input = PersonInput.From(person, await content.PseudonymAsync(person, cancellationToken), identity);
            await audit.RecordReadAsync(person, cancellationToken: cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, personId, cancellationToken);
        if (found is not (var situation, var person))
        {
            return NotFound();
        }

        await ShowAsync(situation, person, cancellationToken);
        if (situation.IsClosed)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var at = clock.GetUtcNow();
        var changed = Input.Check(ModelState, Schools, person.SchoolId, WithIdentity, Brussels.DayOf(at), text);
        if (changed is null)
        {
            return Page();
        }

        changed.ApplyTo(person);
        person.Pseudonym = await content.SealPseudonymAsync(person, changed.Pseudonym, cancellationToken);
        if (changed.Identity is not null)
        {
            person.Identity = await content.SealIdentityAsync(person, changed.Identity, cancellationToken);
        }

        situation.Touch(at);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
            if (await FindAsync(id, personId, cancellationToken) is not (var now, var samePerson))
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, text["Details.ChangedMeanwhile"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            await ShowAsync(now, samePerson, cancellationToken);
            return Page();
        }

        return RedirectToPage("Details", new { id, fait = "personne-modifiee" });
    }

    /// <summary>The person of this situation, if the viewer's service may write about them; otherwise they do not exist for them.</summary>
    private async Task<(Situation, InvolvedPerson)?> FindAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.InvolvedPeople.Include(p => p.Situation).SingleOrDefaultAsync(p => p.Id == personId && p.SituationId == id, cancellationToken);
        return person?.Situation is { IsErased: false } situation && (await authorization.AuthorizeAsync(User, person, SituationOperations.Contribute)).Succeeded
            ? (situation, person)
            : null;
    }

    private async Task ShowAsync(Situation situation, InvolvedPerson person, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "situations";
        (Item, Person) = (situation, person);
        WithIdentity = (await authorization.AuthorizeAsync(User, person, SituationOperations.ViewIdentity)).Succeeded;
        var active = await activeSchools.GetAsync(cancellationToken);
        Schools = person.SchoolId is not { } own || active.Any(s => s.Id == own)
            ? active
            : [.. await db.Schools.AsNoTracking().Where(s => s.Id == own).Select(s => new SchoolChoice(s.Id, s.Name, s.PmsServiceId)).ToListAsync(cancellationToken), .. active];
    }
}
