using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Procedures;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Procedures;

/// <summary>
/// Adds a step to a template's draft, or edits one: its title, guidance and what to record in French,
/// Dutch and English, who acts, and a suggested deadline in working days from the checklist's start
/// or from another step's completion. Every typed value comes back with a field's error.
/// </summary>
[Authorize(Roles = nameof(ProRole.Coordinator))]
public sealed class DraftStepModel(CashDbContext db, IStringLocalizer<ProcedureTexts> text) : PageModel
{
    public StepInput Step { get; private set; } = new();

    public ProcedureTemplate Template { get; private set; } = null!;

    public ProcedureVersion Draft { get; private set; } = null!;

    /// <summary>The step edited; null when one is added.</summary>
    public Guid? Editing { get; private set; }

    /// <summary>The other steps, which a deadline may count from.</summary>
    public IReadOnlyList<ProcedureStep> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, Guid? stepKey, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, stepKey, cancellationToken))
        {
            return NotFound();
        }

        Step = stepKey is { } editing ? StepInput.From(Draft.StepOf(editing), Draft.Revision) : new StepInput { Revision = Draft.Revision };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, Guid? stepKey, [FromForm(Name = nameof(Step))] StepInput step, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, stepKey, cancellationToken))
        {
            return NotFound();
        }

        Step = step;
        int? days = null;
        if (!string.IsNullOrWhiteSpace(step.Days))
        {
            if (int.TryParse(step.Days.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed <= ProcedureStep.MaxDeadlineDays)
            {
                days = parsed;
            }
            else
            {
                ModelState.AddModelError($"{nameof(Step)}.{nameof(StepInput.Days)}", text["Step.Days.Invalid", ProcedureStep.MaxDeadlineDays]);
            }
        }

        Guid? after = null;
        if (!string.IsNullOrEmpty(step.After))
        {
            if (Guid.TryParse(step.After, out var parsed) && Others.Any(s => s.Key == parsed))
            {
                after = parsed;
            }
            else
            {
                ModelState.AddModelError($"{nameof(Step)}.{nameof(StepInput.After)}", text["Step.After.Invalid"]);
            }
        }

        if (Draft.Steps.Count >= ProcedureVersion.MaxSteps && stepKey is null)
        {
            ModelState.AddModelError(string.Empty, text["Step.Error.TooMany", ProcedureVersion.MaxSteps]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (step.Revision != Draft.Revision)
        {
            ModelState.AddModelError(string.Empty, text["Draft.Error.Changed"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var content = step.ToContent(days, after);
        Guid saved;
        if (stepKey is { } editing)
        {
            Draft.EditStep(editing, content);
            saved = editing;
        }
        else
        {
            saved = Draft.AddStep(content).Key;
        }

        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            ModelState.AddModelError(string.Empty, text["Draft.Error.Changed"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage("Draft", null, new { key, fait = stepKey is null ? "ajoutee" : "modifiee" }, $"etape-{saved}");
    }

    private async Task<bool> LoadAsync(string key, Guid? stepKey, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "procedures";
        var template = await db.ProcedureTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        var draft = template is null
            ? null
            : await db.ProcedureVersions.Include(v => v.Steps)
                .Where(v => v.TemplateId == template.Id && v.PublishedAt == null)
                .OrderBy(v => v.CreatedAt).ThenBy(v => v.Id)
                .FirstOrDefaultAsync(cancellationToken);
        if (template is null || draft is null || (stepKey is { } editing && draft.Steps.All(s => s.Key != editing)))
        {
            return false;
        }

        (Template, Draft, Editing) = (template, draft, stepKey);
        Others = [.. draft.OrderedSteps.Where(s => s.Key != stepKey)];
        return true;
    }

    public string Text(LocalizedTexts texts) => texts.In(CashCultures.CurrentLanguage);

    [MessagesFrom(typeof(ProcedureTexts))]
    public sealed class StepInput
    {
        [Required(ErrorMessage = "Step.Title.Required")]
        [MaxTrimmedLength(ProcedureStep.MaxTitleLength, ErrorMessage = "Text.TooLong")]
        public string? TitleFr { get; set; }

        [Required(ErrorMessage = "Step.Title.Required")]
        [MaxTrimmedLength(ProcedureStep.MaxTitleLength, ErrorMessage = "Text.TooLong")]
        public string? TitleNl { get; set; }

        [Required(ErrorMessage = "Step.Title.Required")]
        [MaxTrimmedLength(ProcedureStep.MaxTitleLength, ErrorMessage = "Text.TooLong")]
        public string? TitleEn { get; set; }

        [Required(ErrorMessage = "Step.Guidance.Required")]
        [MaxTrimmedLength(ProcedureStep.MaxGuidanceLength, ErrorMessage = "Text.TooLong")]
        public string? GuidanceFr { get; set; }

        [MaxTrimmedLength(ProcedureStep.MaxGuidanceLength, ErrorMessage = "Text.TooLong")]
        public string? GuidanceNl { get; set; }

        [MaxTrimmedLength(ProcedureStep.MaxGuidanceLength, ErrorMessage = "Text.TooLong")]
        public string? GuidanceEn { get; set; }

        /// <summary>Bound strictly (Forms/StrictEnums.cs).</summary>
        [Required(ErrorMessage = "Step.Actor.Required")]
        public StepActor? Actor { get; set; }

        [MaxTrimmedLength(ProcedureStep.MaxRecordLength, ErrorMessage = "Text.TooLong")]
        public string? RecordFr { get; set; }

        [MaxTrimmedLength(ProcedureStep.MaxRecordLength, ErrorMessage = "Text.TooLong")]
        public string? RecordNl { get; set; }

        [MaxTrimmedLength(ProcedureStep.MaxRecordLength, ErrorMessage = "Text.TooLong")]
        public string? RecordEn { get; set; }

        /// <summary>The suggested deadline in working days, as typed; empty for none.</summary>
        public string? Days { get; set; }

        /// <summary>The key of the step the deadline counts from; empty for the checklist's start.</summary>
        public string? After { get; set; }

        public int? Revision { get; set; }

        public static StepInput From(ProcedureStep step, int revision) => new()
        {
            TitleFr = step.TitleFr,
            TitleNl = step.TitleNl,
            TitleEn = step.TitleEn,
            GuidanceFr = step.GuidanceFr,
            GuidanceNl = step.GuidanceNl,
            GuidanceEn = step.GuidanceEn,
            Actor = step.Actor,
            RecordFr = step.RecordFr,
            RecordNl = step.RecordNl,
            RecordEn = step.RecordEn,
            Days = step.DeadlineDays?.ToString(CultureInfo.InvariantCulture),
            After = step.AfterStepKey?.ToString(),
            Revision = revision,
        };

        public StepContent ToContent(int? days, Guid? after) => new(
            new LocalizedTexts(TitleFr!.Trim(), TitleNl!.Trim(), TitleEn!.Trim()),
            new LocalizedTexts(GuidanceFr!.Trim(), GuidanceNl?.Trim() ?? "", GuidanceEn?.Trim() ?? ""),
            Actor!.Value,
            new LocalizedTexts(RecordFr?.Trim() ?? "", RecordNl?.Trim() ?? "", RecordEn?.Trim() ?? ""),
            days,
            after is null ? DeadlineStart.ChecklistStart : DeadlineStart.StepDone,
            after);
    }
}
