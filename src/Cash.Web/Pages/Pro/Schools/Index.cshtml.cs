using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Schools;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Schools;

/// <summary>The schools of Mouscron that the orientation assistant and the help form offer, for administrators.</summary>
[Authorize(Policy = ProPolicies.Administrator)]
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory) : PageModel
{
    public IReadOnlyList<SchoolRow> Schools { get; private set; } = [];

    /// <summary>Set after a save (post, redirect, get), shown as a confirmation.</summary>
    [BindProperty(SupportsGet = true, Name = "enregistre")]
    public bool Saved { get; set; }

    /// <summary>The counts of a finished import, "created-updated-unchanged", shown as a confirmation.</summary>
    [BindProperty(SupportsGet = true, Name = "importe")]
    public string? Imported { get; set; }

    public ImportCounts? ImportResult => ImportCounts.TryParse(Imported);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var centres = PmsCentres.Of(await directory.GetAsync(cancellationToken), CashCultures.CurrentLanguage);
        var schools = await db.Schools.AsNoTracking().ToListAsync(cancellationToken);

        // Sorted here rather than by the database: SQLite and PostgreSQL order "École" and "Athénée" differently.
        Schools = [.. schools
            .OrderBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-BE"), ignoreCase: true))
            .Select(s => new SchoolRow(s.Id, s.Name, s.Network, centres.NameOf(s.PmsServiceId), s.Address, s.IsActive))];
        ViewData["Section"] = "schools";
    }

    public sealed record SchoolRow(int Id, string Name, SchoolNetwork Network, string? PmsCentre, string? Address, bool IsActive);
}
