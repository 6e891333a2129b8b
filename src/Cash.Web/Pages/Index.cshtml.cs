using Cash.Web.Data;
using Cash.Web.Localization;

namespace Cash.Web.Pages;

public sealed class IndexModel(CashDbContext db) : PublicPageModel
{
    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Services = await db.PartnerServices.PublishedNamesAsync(CashCultures.CurrentLanguage, cancellationToken);
}
