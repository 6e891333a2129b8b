using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Cash.Web.Localization;
using Cash.Web.Meetings;
using Cash.Web.Operations;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Meetings;

/// <summary>
/// A coordinator plans a meeting (or the one after a meeting, <c>?apres={id}</c>, which starts from
/// it and is linked to it as its next). Once saved, each invited service gets an invitation with its
/// calendar entry. Anyone else gets 404.
/// </summary>
public sealed class NewModel(
    CashDbContext db,
    IAuthorizationService authorization,
    PartnerDirectoryCache directory,
    MeetingInvitations invitations,
    TimeProvider clock,
    IStringLocalizer<MeetingTexts> text) : PageModel
{
    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    /// <summary>The meeting this one follows, if it is planned as the next one.</summary>
    [BindProperty(SupportsGet = true, Name = "apres")]
    public Guid? After { get; set; }

    public Meeting? Previous { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Role() != ProRole.Coordinator)
        {
            return NotFound();
        }

        if (After is not null)
        {
            Previous = await PreviousAsync(cancellationToken);
            if (Previous is null)
            {
                return NotFound();
            }

            Input = MeetingInput.From(Previous);
            Input.Day = null;
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Role() != ProRole.Coordinator)
        {
            return NotFound();
        }

        if (After is not null)
        {
            Previous = await PreviousAsync(cancellationToken);
            if (Previous is null)
            {
                return NotFound();
            }
        }

        var offered = await OfferedAsync(cancellationToken);
        var values = Input.Check(ModelState, [.. offered.Select(s => s.Id)], text);
        if (values is null)
        {
            return await ShowAsync(cancellationToken);
        }

        var meeting = new Meeting(Guid.CreateVersion7(), values.Kind, values.Title, values.StartsAt, values.EndsAt, values.Place, values.VideoLink, User.ProfessionalId()!.Value, clock.GetUtcNow());
        meeting.InviteOnly(values.Services);
        db.Meetings.Add(meeting);
        Previous?.FollowedBy(meeting.Id);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["Meeting.ChangedMeanwhile"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            Previous = await PreviousAsync(cancellationToken);
            return await ShowAsync(cancellationToken);
        }

        await invitations.SendAsync(meeting.Id, new Uri(SiteAddress.For(HttpContext), $"/pro/reunions/{meeting.Id}"), null, cancellationToken);
        return RedirectToPage("Details", new { id = meeting.Id, fait = "creee" });
    }

    private async Task<Meeting?> PreviousAsync(CancellationToken cancellationToken)
    {
        var previous = await db.Meetings.Include(m => m.Services).SingleOrDefaultAsync(m => m.Id == After, cancellationToken);
        // A cancelled meeting takes no change, a next meeting included.
        return previous is not null && !previous.IsCancelled && (await authorization.AuthorizeAsync(User, previous, MeetingOperations.Run)).Succeeded ? previous : null;
    }

    private async Task<IReadOnlyList<(int Id, string Name)>> OfferedAsync(CancellationToken cancellationToken)
    {
        var services = await directory.GetAsync(cancellationToken);
        return [.. services.All(CashCultures.CurrentLanguage).Select(s => (s.Id, s.Name))];
    }

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "meetings";
        Services = await OfferedAsync(cancellationToken);
        return Page();
    }
}
