using Cash.Web.Localization;
using Cash.Web.PartnerServices;

namespace Cash.Web.Pages;

public sealed class AProposModel(PartnerDirectoryCache directory) : PublicPageModel
{
    public IReadOnlyList<ServiceName> Members { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Members = (await directory.GetAsync(cancellationToken)).Published(CashCultures.CurrentLanguage);
}
