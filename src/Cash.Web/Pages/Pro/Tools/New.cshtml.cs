using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tools;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Tools;

/// <summary>A member of a service adds a tool to the library; their service owns it. Someone without a service (an administrator) is refused.</summary>
public sealed class NewModel(CashDbContext db, TimeProvider clock, IStringLocalizer<ToolTexts> text) : PageModel
{
    [BindProperty]
    public ToolInput Input { get; set; } = new();

    public IActionResult OnGet()
    {
        if (User.ServiceId() is null)
        {
            return Forbid();
        }

        ViewData["Section"] = "tools";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.ServiceId() is not { } service)
        {
            return Forbid();
        }

        ViewData["Section"] = "tools";
        if (!Input.Check(ModelState, text, out var ageFrom, out var ageTo) || Input.Kind is not { } kind)
        {
            return Page();
        }

        var at = clock.GetUtcNow();
        var tool = new Tool(Guid.CreateVersion7(), service, User.ProfessionalId()!.Value, at);
        tool.Describe(Input.Name!, kind, Input.Description, Input.Audience, ageFrom, ageTo, Input.Duration, Input.IsKit, at);
        db.Tools.Add(tool);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("Details", new { id = tool.Id, fait = "ajoute" });
    }
}
