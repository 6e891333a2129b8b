using Cash.Web.Data;
using Cash.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages;

public sealed class AProposModel(CashDbContext db) : PublicPageModel
{
    public IReadOnlyList<Member> Members { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var services = await db.PartnerServices.AsNoTracking()
            .Published()
            .ToListAsync(cancellationToken);
        Members = [.. services.Select(s => new Member(s.Slug, s.TextFor(CashCultures.CurrentLanguage).Name))];
    }

    public sealed record Member(string Slug, string Name);
}
