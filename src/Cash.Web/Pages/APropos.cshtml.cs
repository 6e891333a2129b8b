using Cash.Web.Data;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;

namespace Cash.Web.Pages;

public sealed class AProposModel(CashDbContext db) : PublicPageModel
{
    public IReadOnlyList<ServiceName> Members { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Members = await db.PartnerServices.PublishedNamesAsync(CashCultures.CurrentLanguage, cancellationToken);
}
