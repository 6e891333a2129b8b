using Cash.Web.Domain.Directory;
using Cash.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Cash.Web.PartnerServices;

namespace Cash.Web.Pages.Services;

public sealed class DetailsModel(PartnerDirectoryCache directory) : PublicPageModel
{
    public PartnerService Service { get; private set; } = null!;

    public PartnerServiceText Text { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var service = (await directory.GetAsync(cancellationToken)).FindPublished(slug);
        if (service is null)
        {
            return NotFound();
        }

        Service = service;
        Text = service.TextFor(CashCultures.CurrentLanguage);
        return Page();
    }
}
