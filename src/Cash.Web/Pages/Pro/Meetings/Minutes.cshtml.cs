using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Cash.Web.Forms;
using Cash.Web.Meetings;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Meetings;

/// <summary>
/// A coordinator writes the minutes (Markdown) once the meeting has started; they are encrypted,
/// and shown on the meeting's page through the minutes' strict rendering. Written against the
/// version the form was shown with.
/// </summary>
public sealed class MinutesModel(
    CashDbContext db,
    IAuthorizationService authorization,
    MeetingContent content,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<MeetingTexts> text) : PageModel
{
    [BindProperty]
    public MinutesInput Input { get; set; } = new();

    public Meeting Item { get; private set; } = null!;

    public bool HasStarted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Input = new MinutesInput { Text = await content.MinutesAsync(meeting, cancellationToken), Version = meeting.Version };
        if (meeting.Minutes is not null)
        {
            await audit.RecordReadAsync(meeting, cancellationToken: cancellationToken);
        }

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
        if (meeting.IsCancelled)
        {
            ModelState.AddModelError(string.Empty, text["Cancelled.NoChange"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Show(meeting);
        }

        if (!meeting.HasStartedAt(now))
        {
            ModelState.AddModelError(string.Empty, text["Meeting.NotStarted"]);
        }

        if (!ModelState.IsValid)
        {
            return Show(meeting);
        }

        if (Input.Version != meeting.Version)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        meeting.WriteMinutes(await content.SealMinutesAsync(meeting, Input.Text!.Trim(), cancellationToken), now);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        return RedirectToPage("Details", null, new { id, fait = "pv" }, "minutes-title");
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
        ModelState.AddModelError("Input.Text", text["Meeting.ChangedMeanwhile"]);
        Input.Version = meeting.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Show(meeting);
    }

    private PageResult Show(Meeting meeting)
    {
        ViewData["Section"] = "meetings";
        Item = meeting;
        HasStarted = meeting.HasStartedAt(clock.GetUtcNow());
        return Page();
    }

    [MessagesFrom(typeof(MeetingTexts))]
    public sealed class MinutesInput
    {
        [Required(ErrorMessage = "Minutes.Text.Required")]
        [MaxTrimmedLength(Meeting.MaxMinutesLength, ErrorMessage = "Minutes.Text.TooLong")]
        public string? Text { get; set; }

        public int Version { get; set; }
    }
}
