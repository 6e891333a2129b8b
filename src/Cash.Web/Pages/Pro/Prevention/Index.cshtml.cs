using System.Globalization;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Prevention;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Prevention;

/// <summary>
/// The prevention actions, newest first, of the current school year (Brussels) unless another
/// (<c>?annee=2025</c>) or all of them (<c>?annee=toutes</c>) are asked for, filtered by kind, theme,
/// service and school through a GET form that needs no script. Every professional reads them.
/// </summary>
public sealed class IndexModel(CashDbContext db, ActiveSchools activeSchools, PartnerDirectoryCache directory, TimeProvider clock) : PageModel
{
    public const string AllYears = "toutes";

    [BindProperty(SupportsGet = true, Name = "annee")]
    public string? YearParameter { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? KindParameter { get; set; }

    [BindProperty(SupportsGet = true, Name = "theme")]
    public string? ThemeParameter { get; set; }

    [BindProperty(SupportsGet = true, Name = "service")]
    public string? ServiceParameter { get; set; }

    [BindProperty(SupportsGet = true, Name = "ecole")]
    public string? SchoolParameter { get; set; }

    public SchoolYear Current { get; private set; }

    /// <summary>The year shown, or null for all of them.</summary>
    public SchoolYear? Year { get; private set; }

    public PreventionKind? Kind { get; private set; }

    public PreventionThemes? Theme { get; private set; }

    public int? ServiceId { get; private set; }

    public int? SchoolId { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public bool CanRecord => User.ServiceId() is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "prevention";
        Current = SchoolYear.At(clock.GetUtcNow());
        Year = YearParameter == AllYears ? null : SchoolYear.Read(YearParameter) ?? Current;
        Kind = StrictEnums.Parse<PreventionKind>(KindParameter);
        Theme = StrictEnums.Parse<PreventionThemes>(ThemeParameter) is { } theme && theme != PreventionThemes.None && StrictEnums.Each(theme).Count() == 1 ? theme : null;
        ServiceId = ReadId(ServiceParameter);
        SchoolId = ReadId(SchoolParameter);

        var language = CashCultures.CurrentLanguage;
        var services = await directory.GetAsync(cancellationToken);
        Services = services.All(language);
        Schools = await activeSchools.GetAsync(cancellationToken);

        var actions = db.PreventionActions.AsNoTracking().AsSplitQuery().Allowing(PreventionActionAccess.Rule, User, CashOperations.View);
        if (Year is { } year)
        {
            var (first, last) = (year.First, year.Last);
            actions = actions.Where(a => a.Day >= first && a.Day <= last);
        }

        if (Kind is { } kind)
        {
            actions = actions.Where(a => a.Kind == kind);
        }

        if (ServiceId is { } service)
        {
            actions = actions.Where(a => a.Services.Any(s => s.PartnerServiceId == service));
        }

        if (SchoolId is { } school)
        {
            actions = actions.Where(a => a.Schools.Any(s => s.SchoolId == school));
        }

        var found = await actions
            .OrderByDescending(a => a.Day).ThenByDescending(a => a.Id)
            .Select(a => new
            {
                a.Id,
                a.Day,
                a.Kind,
                a.Themes,
                a.Reached,
                Schools = a.Schools.Select(s => s.SchoolId).ToList(),
                Services = a.Services.Select(s => s.PartnerServiceId).ToList(),
            })
            .ToListAsync(cancellationToken);

        // The themes are flags: filtered here, where a bitwise test reads the same on both databases.
        var shown = found.Where(a => Theme is not { } t || (a.Themes & t) != 0).ToList();
        var schoolIds = shown.SelectMany(a => a.Schools).Distinct().ToList();
        var schoolNames = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        Rows = [.. shown.Select(a => new Row(
            a.Id,
            a.Day,
            a.Kind,
            a.Themes,
            a.Reached,
            string.Join(", ", a.Schools.Select(id => schoolNames.GetValueOrDefault(id, "")).Order(StringComparer.CurrentCulture)),
            string.Join(", ", a.Services.Select(id => services.NameOf(id, language) ?? "").Order(StringComparer.CurrentCulture))))];
        return Page();
    }

    /// <summary>The years the filter offers: the current one and the five before it.</summary>
    public IEnumerable<SchoolYear> YearsOffered => Enumerable.Range(0, 6).Select(back => new SchoolYear(Current.StartYear - back));

    public static string Value(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static int? ReadId(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>One action in the list.</summary>
    public sealed record Row(Guid Id, DateOnly Day, PreventionKind Kind, PreventionThemes Themes, int Reached, string Schools, string Services);
}
