using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Interventions;
using Cash.Web.Forms;
using Cash.Web.Interventions;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Interventions;

/// <summary>
/// The organising service writes the report once the intervention has begun: pupils reached, what
/// was done, the follow-up (both texts encrypted) and the report's day (not before the intervention,
/// not in the future). The intervention is then done. Everything typed comes back on an error.
/// </summary>
public sealed class ReportModel(
    CashDbContext db,
    IAuthorizationService authorization,
    InterventionContent content,
    TimeProvider clock,
    IStringLocalizer<InterventionTexts> text) : PageModel
{
    private static readonly string[] DayFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Intervention Item { get; private set; } = null!;

    public bool CanReport { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Organise, cancellationToken);
        if (intervention is null)
        {
            return NotFound();
        }

        Input.ReportedOn = Brussels.DayOf(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Version = intervention.Version;
        return Show(intervention);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var intervention = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Organise, cancellationToken);
        if (intervention is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        if (!intervention.CanReportAt(now))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Show(intervention);
        }

        var pupils = ReadPupils();
        var day = ReadDay(intervention, now);
        if (!ModelState.IsValid || pupils is null || day is null)
        {
            return Show(intervention);
        }

        if (Version != intervention.Version)
        {
            return Changed(intervention);
        }

        var done = await content.SealReportTextAsync(intervention, Input.WhatWasDone!.Trim(), cancellationToken);
        var followUp = string.IsNullOrWhiteSpace(Input.FollowUp) ? null : await content.SealFollowUpAsync(intervention, Input.FollowUp.Trim(), cancellationToken);
        intervention.Report(pupils.Value, done, followUp, day.Value, User.ProfessionalId()!.Value);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
            var current = await db.FindInterventionAsync(authorization, User, id, InterventionOperations.Organise, cancellationToken);
            return current is null ? NotFound() : Changed(current);
        }

        return RedirectToPage("Details", new { id, fait = "rapport" });
    }

    private PageResult Changed(Intervention intervention)
    {
        ModelState.AddModelError(string.Empty, text["ChangedMeanwhile"]);
        Version = intervention.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Show(intervention);
    }

    private int? ReadPupils()
    {
        if (string.IsNullOrWhiteSpace(Input.PupilsReached))
        {
            return null;
        }

        if (int.TryParse(Input.PupilsReached.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pupils) && pupils <= Intervention.MaxPupils)
        {
            return pupils;
        }

        ModelState.AddModelError("Input.PupilsReached", text["Report.Pupils.Invalid", Intervention.MaxPupils]);
        return null;
    }

    private DateOnly? ReadDay(Intervention intervention, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(Input.ReportedOn))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(Input.ReportedOn.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            ModelState.AddModelError("Input.ReportedOn", text["Report.Day.Invalid"]);
            return null;
        }

        if (day < intervention.Day || day > Brussels.DayOf(now))
        {
            ModelState.AddModelError("Input.ReportedOn", text["Report.Day.OutOfRange"]);
            return null;
        }

        return day;
    }

    private PageResult Show(Intervention intervention)
    {
        ViewData["Section"] = "interventions";
        Item = intervention;
        CanReport = intervention.CanReportAt(clock.GetUtcNow());
        return Page();
    }

    /// <summary>The report as typed; the number and the day are read by the page, so what was typed comes back.</summary>
    [MessagesFrom(typeof(InterventionTexts))]
    public sealed class ReportInput
    {
        [Required(ErrorMessage = "Report.Pupils.Required")]
        public string? PupilsReached { get; set; }

        [Required(ErrorMessage = "Report.WhatWasDone.Required")]
        [MaxTrimmedLength(Intervention.MaxTextLength, ErrorMessage = "Report.Text.TooLong")]
        public string? WhatWasDone { get; set; }

        [MaxTrimmedLength(Intervention.MaxTextLength, ErrorMessage = "Report.Text.TooLong")]
        public string? FollowUp { get; set; }

        [Required(ErrorMessage = "Report.Day.Required")]
        public string? ReportedOn { get; set; }
    }
}
