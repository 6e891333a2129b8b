using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Schools;

/// <summary>Adds one school by hand (many at once: the CSV import).</summary>
[Authorize(Policy = ProPolicies.Administrator)]
public sealed class CreateModel(CashDbContext db, PartnerDirectoryCache directory, IStringLocalizer<ProSpace> text) : SchoolFormModel(db, directory, text)
{
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new() { IsActive = true };
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await TrySaveAsync(null, cancellationToken))
        {
            return Page();
        }

        return RedirectToPage("Index", new { enregistre = true });
    }
}
