using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro;

/// <summary>The professionals' home: who I am here and where I can go.</summary>
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public string? ServiceName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var id = User.ProfessionalId();
        DisplayName = await db.Users.Where(p => p.Id == id).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        if (User.ServiceId() is { } serviceId)
        {
            ServiceName = (await directory.GetAsync(cancellationToken)).NameOf(serviceId, CashCultures.CurrentLanguage);
        }

        ViewData["Section"] = "home";
    }
}
