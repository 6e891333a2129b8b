using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Procedures;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Procedures;
using Cash.Web.Resources;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SituationRecord = Cash.Web.Domain.Situations.Situation;

namespace Cash.Web.Pages.Pro.Procedures;

/// <summary>
/// One step of a checklist: what the procedure says, and two forms — done on a day with a note, or
/// not applicable with a reason. The checklist's <see cref="Checklist.Version"/> travels with each
/// form: a step recorded by someone else meanwhile refuses the later form (409) with what was typed
/// kept. The note and the reason are encrypted, bound to the step, its checklist and its situation.
/// </summary>
public sealed class StepModel(
    CashDbContext db,
    IAuthorizationService authorization,
    ChecklistTexts texts,
    AuditTrail audit,
    PartnerDirectoryCache directory,
    TimeProvider clock,
    IStringLocalizer<ProcedureTexts> text) : PageModel
{
    /// <summary>No step was done before this day: an older date is a typing mistake.</summary>


    public DoneInput Done { get; private set; } = new();

    public NotApplicableInput NotApplicable { get; private set; } = new();

    public SituationRecord Item { get; private set; } = null!;

    public ChecklistView Checklist { get; private set; } = null!;

    public StepView Step { get; private set; } = null!;

    public bool MayAct { get; private set; }

    private PastDayMessages PastDay => new(text["Done.On.Invalid"], text["Done.On.Future"], text["Done.On.TooOld"]);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid checklistId, Guid stepId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, checklistId, stepId, SituationOperations.View, cancellationToken);
        if (found is not var (situation, checklist))
        {
            return NotFound();
        }

        Done = new DoneInput { On = Brussels.DayOf(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Version = checklist.Version };
        NotApplicable = new NotApplicableInput { Version = checklist.Version };
        return await ShowAsync(situation, checklist, stepId, cancellationToken);
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid checklistId, Guid stepId, [FromForm(Name = nameof(Done))] DoneInput done, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, checklistId, stepId, SituationOperations.Contribute, cancellationToken);
        if (found is not var (situation, checklist))
        {
            return NotFound();
        }

        Done = done;
        NotApplicable = new NotApplicableInput { Version = checklist.Version };
        var day = ModelState.ReadPastDay(done.On, $"{nameof(Done)}.{nameof(DoneInput.On)}", Brussels.DayOf(clock.GetUtcNow()), PastDay);
        RefuseErased(situation);
        if (!ModelState.IsValid || day is not { } on)
        {
            return await ShowAsync(situation, checklist, stepId, cancellationToken);
        }

        if (!MayRecord(checklist, stepId, done.Version))
        {
            return await ChangedMeanwhileAsync(id, checklistId, stepId, $"{nameof(Done)}.{nameof(DoneInput.Note)}", cancellationToken);
        }

        var step = checklist.Steps.Single(s => s.Id == stepId);
        checklist.MarkDone(stepId, on, await texts.SealNoteAsync(step, done.Note!.Trim(), cancellationToken), User.ProfessionalId()!.Value, clock.GetUtcNow());
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, checklistId, stepId, $"{nameof(Done)}.{nameof(DoneInput.Note)}", cancellationToken);
        }

        return RedirectToPage("Situation", null, new { id, fait = "faite" }, $"etape-{stepId}");
    }

    public async Task<IActionResult> OnPostNotApplicableAsync(Guid id, Guid checklistId, Guid stepId, [FromForm(Name = nameof(NotApplicable))] NotApplicableInput notApplicable, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, checklistId, stepId, SituationOperations.Contribute, cancellationToken);
        if (found is not var (situation, checklist))
        {
            return NotFound();
        }

        NotApplicable = notApplicable;
        Done = new DoneInput { On = Brussels.DayOf(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Version = checklist.Version };
        RefuseErased(situation);
        if (!ModelState.IsValid)
        {
            return await ShowAsync(situation, checklist, stepId, cancellationToken);
        }

        if (!MayRecord(checklist, stepId, notApplicable.Version))
        {
            return await ChangedMeanwhileAsync(id, checklistId, stepId, $"{nameof(NotApplicable)}.{nameof(NotApplicableInput.Reason)}", cancellationToken);
        }

        var step = checklist.Steps.Single(s => s.Id == stepId);
        checklist.MarkNotApplicable(stepId, await texts.SealReasonAsync(step, notApplicable.Reason!.Trim(), cancellationToken), User.ProfessionalId()!.Value, clock.GetUtcNow());
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(id, checklistId, stepId, $"{nameof(NotApplicable)}.{nameof(NotApplicableInput.Reason)}", cancellationToken);
        }

        return RedirectToPage("Situation", null, new { id, fait = "sans-objet" }, $"etape-{stepId}");
    }

    /// <summary>The situation and the checklist (tracked, with its steps) holding the step, if the person may do <paramref name="operation"/>; otherwise none of it exists for them.</summary>
    private async Task<(SituationRecord Situation, Checklist Checklist)?> FindAsync(Guid id, Guid checklistId, Guid stepId, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var situation = await db.FindSituationAsync(authorization, User, id, operation, cancellationToken);
        if (situation is null)
        {
            return null;
        }

        var checklist = await db.Checklists.Include(c => c.Steps)
            .Where(c => c.Id == checklistId && c.SituationId == id)
            .Allowing(ChecklistAccess.Rule, User, operation)
            .SingleOrDefaultAsync(cancellationToken);
        return checklist is not null && checklist.Steps.Any(s => s.Id == stepId) ? (situation, checklist) : null;
    }

    /// <summary>The form was written against the checklist as it is, and the step is still open.</summary>
    private static bool MayRecord(Checklist checklist, Guid stepId, int? version) =>
        version == checklist.Version && checklist.Steps.Single(s => s.Id == stepId).Status == ChecklistStepStatus.Open;

    private void RefuseErased(SituationRecord situation)
    {
        if (situation.IsErased)
        {
            ModelState.AddModelError(string.Empty, text["Situation.Error.Erased"]);
        }
    }

    /// <summary>The later of two changes: the step as it is now, the refusal said, what was typed kept.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, Guid checklistId, Guid stepId, string field, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var found = await FindAsync(id, checklistId, stepId, SituationOperations.View, cancellationToken);
        if (found is not var (situation, checklist))
        {
            return NotFound();
        }

        ModelState.AddModelError(field, text["Step.Error.Changed"]);
        Done.Version = checklist.Version;
        NotApplicable.Version = checklist.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(situation, checklist, stepId, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(SituationRecord situation, Checklist checklist, Guid stepId, CancellationToken cancellationToken)
    {
        Item = situation;
        ViewData["Section"] = "situations";
        MayAct = !situation.IsErased && (await authorization.AuthorizeAsync(User, situation, SituationOperations.Contribute)).Succeeded;
        var views = await ChecklistReader.ReadAsync(db, texts, audit, directory, [checklist], CashCultures.CurrentLanguage, ChecklistReader.Today(clock), cancellationToken);
        Checklist = views[0];
        Step = Checklist.Steps.Single(s => s.Id == stepId);
        return Page();
    }

    [MessagesFrom(typeof(ProcedureTexts))]
    public sealed class DoneInput
    {
        /// <summary>The day it was done, as typed (yyyy-mm-dd from a date field, or dd/mm/yyyy).</summary>
        [Required(ErrorMessage = "Done.On.Required")]
        public string? On { get; set; }

        [Required(ErrorMessage = "Done.Note.Required")]
        [MaxTrimmedLength(Domain.Procedures.Checklist.MaxTextLength, ErrorMessage = "Text.TooLong")]
        public string? Note { get; set; }

        /// <summary>The checklist's version the form was written against.</summary>
        public int? Version { get; set; }
    }

    [MessagesFrom(typeof(ProcedureTexts))]
    public sealed class NotApplicableInput
    {
        [Required(ErrorMessage = "NotApplicable.Reason.Required")]
        [MaxTrimmedLength(Domain.Procedures.Checklist.MaxTextLength, ErrorMessage = "Text.TooLong")]
        public string? Reason { get; set; }

        public int? Version { get; set; }
    }
}
