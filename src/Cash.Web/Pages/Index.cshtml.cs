using Cash.Web.Data;
using Cash.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages;

public sealed class IndexModel(CashDbContext db) : PublicPageModel
{
    public IReadOnlyList<ServiceLink> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var services = await db.PartnerServices.AsNoTracking()
            .Published()
            .ToListAsync(cancellationToken);
        Services = [.. services.Select(s => new ServiceLink(s.Slug, s.TextFor(CashCultures.CurrentLanguage).Name))];
    }

    public sealed record ServiceLink(string Slug, string Name);
}
