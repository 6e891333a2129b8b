using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Cash.Web.Meetings;
using Cash.Web.Operations;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Meetings;

/// <summary>
/// The confirmation step of cancelling a meeting: those who run it, before it starts. Once
/// confirmed (against the version the page was shown with), the meeting is cancelled and each
/// invited service gets a content-free message with the calendar cancellation. Anyone else gets 404.
/// </summary>
public sealed class CancelModel(
    CashDbContext db,
    IAuthorizationService authorization,
    MeetingInvitations invitations,
    TimeProvider clock,
    IStringLocalizer<MeetingTexts> text) : PageModel
{
    [BindProperty(Name = "Version")]
    public int Version { get; set; }

    public Meeting Item { get; private set; } = null!;

    /// <summary>False once it is cancelled or has started: the page says why and offers no button.</summary>
    public bool MayCancel { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Version = meeting.Version;
        return Show(meeting);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        if (meeting.IsCancelled || meeting.HasStartedAt(now))
        {
            return Refused(meeting, meeting.IsCancelled ? "Cancelled.NoChange" : "Cancel.Started");
        }

        if (Version != meeting.Version)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        meeting.Cancel(now);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        await invitations.SendCancellationAsync(meeting.Id, new Uri(SiteAddress.For(HttpContext), $"/pro/reunions/{meeting.Id}"), cancellationToken);
        return RedirectToPage("Details", new { id, fait = "annulee" });
    }

    private Task<Meeting?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.FindMeetingAsync(authorization, User, id, MeetingOperations.Run, cancellationToken);

    private PageResult Refused(Meeting meeting, string message)
    {
        ModelState.AddModelError(string.Empty, text[message]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Show(meeting);
    }

    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        Version = meeting.Version;
        return meeting.IsCancelled ? Refused(meeting, "Cancelled.NoChange") : Refused(meeting, "Meeting.ChangedMeanwhile");
    }

    private PageResult Show(Meeting meeting)
    {
        ViewData["Section"] = "meetings";
        Item = meeting;
        MayCancel = !meeting.IsCancelled && !meeting.HasStartedAt(clock.GetUtcNow());
        return Page();
    }
}
