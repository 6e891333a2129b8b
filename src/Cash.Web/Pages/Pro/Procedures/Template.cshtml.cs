using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Procedures;
using Cash.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Procedures;

/// <summary>
/// A template with its published versions (each one as it was published, never changed) and the
/// way to its draft: "edit" starts a draft from the latest version's steps, or goes back to the one
/// in progress. A checklist already started keeps its version whatever is published later.
/// </summary>
[Authorize(Roles = nameof(ProRole.Coordinator))]
public sealed class TemplateModel(CashDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "version")]
    public int? Shown { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public ProcedureTemplate Template { get; private set; } = null!;

    public IReadOnlyList<ProcedureVersion> Published { get; private set; } = [];

    public ProcedureVersion? Version { get; private set; }

    public bool HasDraft { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "procedures";
        var template = await db.ProcedureTemplates.AsNoTracking().Include(t => t.Versions).ThenInclude(v => v.Steps).AsSplitQuery()
            .SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (template is null)
        {
            return NotFound();
        }

        Template = template;
        Published = [.. template.Versions.Where(v => !v.IsDraft).OrderByDescending(v => v.Number)];
        HasDraft = template.Versions.Any(v => v.IsDraft);
        Version = Shown is { } number ? Published.FirstOrDefault(v => v.Number == number) : Published.Count > 0 ? Published[0] : null;
        return Shown is not null && Version is null ? NotFound() : Page();
    }

    /// <summary>Starts a draft from the latest published version (or goes to the draft in progress).</summary>
    public async Task<IActionResult> OnPostEditAsync(string key, CancellationToken cancellationToken)
    {
        var template = await db.ProcedureTemplates.Include(t => t.Versions).ThenInclude(v => v.Steps).AsSplitQuery()
            .SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (template is null)
        {
            return NotFound();
        }

        if (!template.Versions.Any(v => v.IsDraft))
        {
            var latest = template.Versions.Where(v => !v.IsDraft).MaxBy(v => v.Number);
            db.ProcedureVersions.Add(ProcedureVersion.DraftFrom(latest, Guid.CreateVersion7(), template.Id, User.ProfessionalId(), clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another click or coordinator started the draft at the same moment: that one is the draft to edit.
                db.ChangeTracker.Clear();
            }
        }

        return RedirectToPage("Draft", new { key });
    }

    public string Text(LocalizedTexts texts) => texts.In(CashCultures.CurrentLanguage);
}
