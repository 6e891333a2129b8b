using Cash.Web.Localization;
using Cash.Web.PartnerServices;

namespace Cash.Web.Pages;

public sealed class IndexModel(PartnerDirectoryCache directory) : PublicPageModel
{
    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Services = (await directory.GetAsync(cancellationToken)).Published(CashCultures.CurrentLanguage);
}
