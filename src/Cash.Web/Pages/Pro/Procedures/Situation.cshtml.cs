using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
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
/// The procedures followed on a situation: start a checklist from a template's latest published
/// version, and see each checklist's steps with their suggested due days, late ones first. Only the
/// members of the services involved see it (the checklists' access rule follows the situation's);
/// a coordinator not involved, an administrator and anyone else get 404.
/// </summary>
public sealed class SituationModel(
    CashDbContext db,
    IAuthorizationService authorization,
    ChecklistTexts texts,
    AuditTrail audit,
    PartnerDirectoryCache directory,
    TimeProvider clock,
    IStringLocalizer<ProcedureTexts> text) : PageModel
{
    public StartInput Start { get; private set; } = new();

    /// <summary>What was just done (post, redirect, get).</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public SituationRecord Item { get; private set; } = null!;

    public IReadOnlyList<ChecklistView> Checklists { get; private set; } = [];

    /// <summary>The templates a checklist may start from: those with a published version.</summary>
    public IReadOnlyList<TemplateChoice> Templates { get; private set; } = [];

    public bool MayAct { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await db.FindSituationAsync(authorization, User, id, SituationOperations.View, cancellationToken);
        return situation is null ? NotFound() : await ShowAsync(situation, cancellationToken);
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id, [FromForm(Name = nameof(Start))] StartInput start, CancellationToken cancellationToken)
    {
        var situation = await db.FindSituationAsync(authorization, User, id, SituationOperations.Contribute, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        Start = start;
        if (situation.IsErased)
        {
            ModelState.AddModelError(string.Empty, text["Situation.Error.Erased"]);
        }

        var version = start.Template is { } key
            ? await db.ProcedureVersions.AsNoTracking().Include(v => v.Steps)
                .Where(v => v.PublishedAt != null && db.ProcedureTemplates.Any(t => t.Id == v.TemplateId && t.Key == key))
                .OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (start.Template is not null && version is null)
        {
            ModelState.AddModelError($"{nameof(Start)}.{nameof(StartInput.Template)}", text["Start.Template.Required"]);
        }

        if (!ModelState.IsValid || version is null)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        var checklist = new Checklist(Guid.CreateVersion7(), situation.Id, version, User.ProfessionalId()!.Value, User.ServiceId()!.Value, clock.GetUtcNow());
        db.Checklists.Add(checklist);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(null, null, new { id, fait = "demarree" }, $"liste-{checklist.Id}");
    }

    private async Task<PageResult> ShowAsync(SituationRecord situation, CancellationToken cancellationToken)
    {
        Item = situation;
        ViewData["Section"] = "situations";
        MayAct = !situation.IsErased && (await authorization.AuthorizeAsync(User, situation, SituationOperations.Contribute)).Succeeded;
        var language = CashCultures.CurrentLanguage;
        var templates = await db.ProcedureTemplates.AsNoTracking()
            .Where(t => t.Versions.Any(v => v.PublishedAt != null))
            .OrderBy(t => t.Key)
            .ToListAsync(cancellationToken);
        Templates = [.. templates.Select(t => new TemplateChoice(t.Key, t.Title.In(language), t.Intro.In(language)))];
        var checklists = await db.Checklists.AsNoTracking().Include(c => c.Steps)
            .Where(c => c.SituationId == situation.Id)
            .Allowing(ChecklistAccess.Rule, User, SituationOperations.View)
            .ToListAsync(cancellationToken);
        Checklists = await ChecklistReader.ReadAsync(db, texts, audit, directory, checklists, language, ChecklistReader.Today(clock), cancellationToken);
        return Page();
    }

    public sealed record TemplateChoice(string Key, string Title, string Intro);

    [MessagesFrom(typeof(ProcedureTexts))]
    public sealed class StartInput
    {
        /// <summary>A template's key, among those offered (checked in the handler).</summary>
        [Required(ErrorMessage = "Start.Template.Required")]
        public string? Template { get; set; }
    }
}
