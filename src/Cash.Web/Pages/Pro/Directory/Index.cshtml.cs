using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Directory;

/// <summary>The services whose public profile the person may edit: every one for an administrator, their own for a lead.</summary>
[Authorize(Policy = ProPolicies.DirectoryEditor)]
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory) : PageModel
{
    public IReadOnlyList<ServiceRow> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The rule the edit page's handler applies: a lead never loads another service.
        var services = db.PartnerServices.AsNoTracking().Allowing(PartnerServiceAccess.Rule, User, CashOperations.Edit);

        var language = CashCultures.CurrentLanguage;
        var names = await directory.GetAsync(cancellationToken);
        var rows = await services
            .InDirectoryOrder()
            .Select(s => new { s.Id, s.Slug, s.Phone, s.Email, s.IsPublished })
            .ToListAsync(cancellationToken);
        Services = [.. rows.Select(s => new ServiceRow(s.Id, s.Slug, names.NameOf(s.Id, language) ?? s.Slug, s.Phone, s.Email, s.IsPublished))];
        ViewData["Section"] = "services";
    }

    public sealed record ServiceRow(int Id, string Slug, string Name, string Phone, string Email, bool IsPublished);
}
