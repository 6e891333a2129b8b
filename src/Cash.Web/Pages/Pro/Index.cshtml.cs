using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro;

/// <summary>The professionals' home: who I am here and where I can go.</summary>
public sealed class IndexModel(CashDbContext db) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public string? ServiceName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var id = User.ProfessionalId();
        DisplayName = await db.Users.Where(p => p.Id == id).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        if (User.ServiceId() is { } serviceId)
        {
            var service = await db.PartnerServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
            ServiceName = service?.TextFor(CashCultures.CurrentLanguage).Name;
        }

        ViewData["Section"] = "home";
    }
}
