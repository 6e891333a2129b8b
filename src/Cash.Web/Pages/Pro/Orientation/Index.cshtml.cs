using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Forms;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Orientation;
using Cash.Web.Localization;
using Cash.Web.Orientation;
using Cash.Web.PartnerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Orientation;

/// <summary>
/// The orientation assistant's rules, as the coordinator sees and switches them. A rule is switched
/// off rather than deleted: the audit trail keeps pointing at something, and it can come back.
/// </summary>
[Authorize(Roles = RuleEditors.Roles)]
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory) : PageModel
{
    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "enregistre")]
    public bool Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "orientation";
        var language = CashCultures.CurrentLanguage;
        var names = await directory.GetAsync(cancellationToken);
        var rules = await db.OrientationRules.AsNoTracking().ToListAsync(cancellationToken);
        Rules = [.. rules
            .Select(r => new RuleRow(r, names.NameOf(r.PartnerServiceId, language) ?? "?"))
            .OrderBy(r => r.ServiceName, StringComparer.Create(CultureInfo.CurrentCulture, CompareOptions.IgnoreCase))
            .ThenByDescending(r => r.Rule.Weight)
            .ThenBy(r => r.Rule.Id)];
    }

    public async Task<IActionResult> OnPostToggleAsync(int id, CancellationToken cancellationToken)
    {
        var rule = await db.OrientationRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return NotFound();
        }

        rule.IsActive = !rule.IsActive;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { enregistre = true });
    }

    public sealed record RuleRow(OrientationRule Rule, string ServiceName)
    {
        public IEnumerable<BullyingForm> Forms => StrictEnums.Each(Rule.WhenForms);

        public IEnumerable<HelpWish> Wishes => StrictEnums.Each(Rule.WhenWishes);
    }
}
