using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
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
/// A coordinator changes a meeting. When its time or place moves, every invited service gets the
/// invitation again (the same UID, a higher SEQUENCE); a newly invited service gets its first.
/// The change is made against the version the form was shown with. A cancelled meeting is not
/// changed: the page says so and offers no form (a form sent anyway answers 409).
/// </summary>
public sealed class EditModel(
    CashDbContext db,
    IAuthorizationService authorization,
    PartnerDirectoryCache directory,
    MeetingInvitations invitations,
    IStringLocalizer<MeetingTexts> text) : PageModel
{
    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    public Meeting Item { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Name)> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Input = MeetingInput.From(meeting);
        return await ShowAsync(meeting, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        if (meeting.IsCancelled)
        {
            // The page says why and offers no form: there is nothing left to change.
            ModelState.AddModelError(string.Empty, text["Cancelled.NoChange"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(meeting, cancellationToken);
        }

        var offered = await OfferedAsync(cancellationToken);
        var values = Input.Check(ModelState, [.. offered.Select(s => s.Id)], text);
        if (values is null)
        {
            return await ShowAsync(meeting, cancellationToken);
        }

        if (Input.Version != meeting.Version)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        var before = meeting.Services.Select(s => s.PartnerServiceId).ToHashSet();
        var moved = meeting.Change(values.Kind, values.Title, values.StartsAt, values.EndsAt, values.Place, values.VideoLink);
        meeting.InviteOnly(values.Services);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        var link = new Uri(SiteAddress.For(HttpContext), $"/pro/reunions/{meeting.Id}");
        var added = values.Services.Where(s => !before.Contains(s)).ToList();
        if (moved)
        {
            await invitations.SendAsync(meeting.Id, link, null, cancellationToken);
        }
        else if (added.Count > 0)
        {
            await invitations.SendAsync(meeting.Id, link, added, cancellationToken);
        }

        return RedirectToPage("Details", new { id, fait = "modifiee" });
    }

    private Task<Meeting?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.FindMeetingAsync(authorization, User, id, MeetingOperations.Run, cancellationToken);

    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, text["Meeting.ChangedMeanwhile"]);
        Input.Version = meeting.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(meeting, cancellationToken);
    }

    private async Task<IReadOnlyList<(int Id, string Name)>> OfferedAsync(CancellationToken cancellationToken)
    {
        var services = await directory.GetAsync(cancellationToken);
        return [.. services.All(CashCultures.CurrentLanguage).Select(s => (s.Id, s.Name))];
    }

    private async Task<PageResult> ShowAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "meetings";
        Item = meeting;
        Services = await OfferedAsync(cancellationToken);
        return Page();
    }
}
