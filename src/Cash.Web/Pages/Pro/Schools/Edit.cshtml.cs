using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Schools;

/// <summary>
/// Changes a school. There is no delete: a school that closes is marked inactive, so the help
/// requests that name it keep their school while new ones can no longer choose it.
/// </summary>
[Authorize(Policy = ProPolicies.Administrator)]
public sealed class EditModel(CashDbContext db, PartnerDirectoryCache directory, IStringLocalizer<ProSpace> text) : SchoolFormModel(db, directory, text)
{
    /// <summary>The name as stored, for the heading (it does not change while the form is being corrected).</summary>
    public string StoredName { get; private set; } = "";

    public int? StoredPmsServiceId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var school = await Db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (school is null)
        {
            return NotFound();
        }

        Input = InputModel.From(school);
        StoredName = school.Name;
        StoredPmsServiceId = school.PmsServiceId;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var school = await Db.Schools.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (school is null)
        {
            return NotFound();
        }

        StoredName = school.Name;
        StoredPmsServiceId = school.PmsServiceId;
        if (!await TrySaveAsync(school, cancellationToken))
        {
            return Page();
        }

        return RedirectToPage("Index", new { enregistre = true });
    }
}
