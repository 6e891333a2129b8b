using Cash.Web.Data;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;

namespace Cash.Web.Pages;

public sealed class IndexModel(CashDbContext db) : PublicPageModel
{
    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Services = await db.PartnerServices.PublishedNamesAsync(CashCultures.CurrentLanguage, cancellationToken);
}
