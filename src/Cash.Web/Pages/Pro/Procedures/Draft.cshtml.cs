using Cash.Web.Authorization;
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
/// A template's draft: its steps in order, each moved up or down, removed or edited, a step added,
/// then the whole published as the next version. Every form carries the draft's revision, so a
/// change made meanwhile by another coordinator refuses the later one (409) instead of undoing it.
/// </summary>
[Authorize(Roles = nameof(ProRole.Coordinator))]
public sealed class DraftModel(CashDbContext db, TimeProvider clock, IStringLocalizer<ProcedureTexts> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public ProcedureTemplate Template { get; private set; } = null!;

    public ProcedureVersion Draft { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        return await LoadAsync(key, cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostMoveUpAsync(string key, [FromForm] Guid step, [FromForm] int? revision, CancellationToken cancellationToken) =>
        ChangeAsync(key, revision, d => d.MoveStep(step, -1), "deplacee", step, false, cancellationToken);

    public Task<IActionResult> OnPostMoveDownAsync(string key, [FromForm] Guid step, [FromForm] int? revision, CancellationToken cancellationToken) =>
        ChangeAsync(key, revision, d => d.MoveStep(step, 1), "deplacee", step, false, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string key, [FromForm] Guid step, [FromForm] int? revision, CancellationToken cancellationToken) =>
        ChangeAsync(key, revision, d => d.RemoveStep(step), "retiree", step, false, cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(string key, [FromForm] int? revision, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        if (Draft.Steps.Count == 0)
        {
            ModelState.AddModelError(string.Empty, text["Draft.Error.Empty"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var next = (await db.ProcedureVersions.Where(v => v.TemplateId == Template.Id && v.Number != null).MaxAsync(v => v.Number, cancellationToken) ?? 0) + 1;
        var result = await ChangeAsync(key, revision, d => d.Publish(next, User.ProfessionalId(), clock.GetUtcNow()), null, null, true, cancellationToken);
        return result is RedirectToPageResult ? RedirectToPage("Template", new { key, fait = "publiee" }) : result;
    }

    private async Task<IActionResult> ChangeAsync(string key, int? revision, Action<ProcedureVersion> change, string? done, Guid? step, bool loaded, CancellationToken cancellationToken)
    {
        if (!loaded && !await LoadAsync(key, cancellationToken))
        {
            return NotFound();
        }

        if (step is { } stepKey && Draft.Steps.All(s => s.Key != stepKey))
        {
            return NotFound();
        }

        if (revision != Draft.Revision)
        {
            return await ChangedMeanwhileAsync(key, cancellationToken);
        }

        change(Draft);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(key, cancellationToken);
        }

        return RedirectToPage(null, null, new { key, fait = done }, step is { } moved ? $"etape-{moved}" : null);
    }

    private async Task<IActionResult> ChangedMeanwhileAsync(string key, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(key, cancellationToken))
        {
            // Published meanwhile: the template shows the new version.
            return RedirectToPage("Template", new { key });
        }

        ModelState.AddModelError(string.Empty, text["Draft.Error.Changed"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>The template and its draft (tracked, with its steps); false when either does not exist.</summary>
    private async Task<bool> LoadAsync(string key, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "procedures";
        var template = await db.ProcedureTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        var draft = template is null
            ? null
            : await db.ProcedureVersions.Include(v => v.Steps)
                .Where(v => v.TemplateId == template.Id && v.PublishedAt == null)
                .OrderBy(v => v.CreatedAt).ThenBy(v => v.Id)
                .FirstOrDefaultAsync(cancellationToken);
        if (template is null || draft is null)
        {
            return false;
        }

        (Template, Draft) = (template, draft);
        return true;
    }

    public string Text(LocalizedTexts texts) => texts.In(CashCultures.CurrentLanguage);
}
