using System.Globalization;
using Cash.Web.Authorization;
using Cash.Web.Domain.Calendar;
using Cash.Web.Interventions;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cash.Web.Pages.Pro.Interventions;

/// <summary>
/// The interventions the viewer may see (<see cref="InterventionAccess"/>, metadata only), as a
/// month (<c>?mois=2027-03</c>, the current Brussels month by default: a table, a week a row, a day
/// a cell, and the same month as a list for small screens) or as a list of those to come and those
/// past (<c>?vue=liste</c>). Server-rendered: no script needed.
/// </summary>
public sealed class IndexModel(InterventionCalendar calendar, PartnerDirectoryCache directory, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "mois")]
    public string? MonthParameter { get; set; }

    [BindProperty(SupportsGet = true, Name = "vue")]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public bool IsList => View == "liste";

    public DateOnly Today { get; private set; }

    public MonthGrid Month { get; private set; } = null!;

    public IReadOnlyList<CalendarEntry> Upcoming { get; private set; } = [];

    public IReadOnlyList<CalendarEntry> Past { get; private set; } = [];

    public PartnerDirectory Services { get; private set; } = null!;

    public bool CanCreate => User.ServiceId() is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "interventions";
        var now = clock.GetUtcNow();
        Today = Brussels.DayOf(now);
        Services = await directory.GetAsync(cancellationToken);
        var viewer = Viewer.Of(User);
        if (IsList)
        {
            Upcoming = await calendar.UpcomingAsync(viewer, now, cancellationToken);
            Past = await calendar.PastAsync(viewer, now, cancellationToken);
            return Page();
        }

        var first = ReadMonth(MonthParameter) ?? new DateOnly(Today.Year, Today.Month, 1);
        Month = MonthGrid.Of(first, await calendar.BetweenAsync(viewer, first, first.AddMonths(1).AddDays(-1), cancellationToken));
        return Page();
    }

    /// <summary>The names of the services taking part, in the reader's language.</summary>
    public string ServicesOf(CalendarEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var language = CashCultures.CurrentLanguage;
        return string.Join(", ", entry.ServiceIds.Select(id => Services.NameOf(id, language) ?? ""));
    }

    /// <summary>A month written yyyy-MM between 2000 and 2100; anything else is the current month.</summary>
    private static DateOnly? ReadMonth(string? value) =>
        value is not null && DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && first.Year is >= 2000 and <= 2100
            ? first
            : null;

    public static string MonthValue(DateOnly first) => first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
