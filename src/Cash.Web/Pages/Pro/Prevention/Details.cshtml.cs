using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Prevention;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Prevention;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Prevention;

/// <summary>One action, for every professional: what, when, where, by whom, for how many, the report and the follow-up.</summary>
public sealed class DetailsModel(
    CashDbContext db,
    IAuthorizationService authorization,
    PartnerDirectoryCache directory) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public PreventionAction Item { get; private set; } = null!;

    public IReadOnlyList<string> Schools { get; private set; } = [];

    public IReadOnlyList<string> Services { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await db.FindPreventionActionAsync(authorization, User, id, CashOperations.View, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }

        ViewData["Section"] = "prevention";
        Item = action;
        var schoolIds = action.Schools.Select(s => s.SchoolId).ToList();
        var names = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).Select(s => s.Name).ToListAsync(cancellationToken);
        Schools = [.. names.Order(StringComparer.CurrentCulture)];
        var language = CashCultures.CurrentLanguage;
        var services = await directory.GetAsync(cancellationToken);
        Services = [.. action.Services.Select(s => services.NameOf(s.PartnerServiceId, language) ?? "").Order(StringComparer.CurrentCulture)];
        CanEdit = (await authorization.AuthorizeAsync(User, action, CashOperations.Edit)).Succeeded;
        return Page();
    }
}
