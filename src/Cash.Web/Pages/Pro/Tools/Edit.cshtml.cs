using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tools;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Tools;

/// <summary>
/// The owning service's members and the coordinators edit a tool, against the version the form was
/// shown with: if someone changed it meanwhile, the form comes back with what was typed. Anyone
/// else finds no such page (404).
/// </summary>
public sealed class EditModel(CashDbContext db, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<ToolTexts> text) : PageModel
{
    [BindProperty]
    public ToolInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Tool Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var tool = await FindAsync(id, cancellationToken);
        if (tool is null)
        {
            return NotFound();
        }

        Input = ToolInput.Of(tool);
        Version = tool.Version;
        return Show(tool);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var tool = await FindAsync(id, cancellationToken);
        if (tool is null)
        {
            return NotFound();
        }

        if (!Input.Check(ModelState, text, out var ageFrom, out var ageTo) || Input.Kind is not { } kind)
        {
            return Show(tool);
        }

        if (Version != tool.Version)
        {
            return ChangedMeanwhile(tool);
        }

        tool.Describe(Input.Name!, kind, Input.Description, Input.Audience, ageFrom, ageTo, Input.Duration, Input.IsKit, clock.GetUtcNow());
        if (await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            return RedirectToPage("Details", new { id, fait = "modifie" });
        }

        db.ChangeTracker.Clear();
        var now = await FindAsync(id, cancellationToken);
        return now is null ? NotFound() : ChangedMeanwhile(now);
    }

    private async Task<Tool?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var tool = await db.Tools.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tool is not null && (await authorization.AuthorizeAsync(User, tool, ToolOperations.Edit)).Succeeded ? tool : null;
    }

    private PageResult ChangedMeanwhile(Tool tool)
    {
        // What was typed stays in the fields; the version becomes the stored one, so sending again overwrites knowingly.
        ModelState.AddModelError(string.Empty, text["ChangedMeanwhile"]);
        Version = tool.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Show(tool);
    }

    private PageResult Show(Tool tool)
    {
        ViewData["Section"] = "tools";
        Item = tool;
        return Page();
    }
}
