using Cash.Web.Data;
using Cash.Web.Domain.Directory;
using Cash.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Services;

public sealed class DetailsModel(CashDbContext db) : PublicPageModel
{
    public PartnerService Service { get; private set; } = null!;

    public PartnerServiceText Text { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var service = await db.PartnerServices.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Slug == slug && s.IsPublished, cancellationToken);
        if (service is null)
        {
            return NotFound();
        }

        Service = service;
        Text = service.TextFor(CashCultures.CurrentLanguage);
        return Page();
    }
}
