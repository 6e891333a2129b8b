using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Domain.Prevention;
using Cash.Web.Domain.Schools;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Prevention;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Prevention;

/// <summary>
/// The coverage of the schools over a school year (<c>?annee=2026</c> is 2026-2027; the current
/// Brussels one by default): a line per school, those no action reached first, filtered by network,
/// service and theme through a GET form. Printable (the print stylesheet keeps the table alone) and
/// downloadable as CSV (<c>?handler=csv</c> with the same filters).
/// </summary>
public sealed class CoverageModel(
    PreventionCoverage coverage,
    PartnerDirectoryCache directory,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<PreventionTexts> text,
    IStringLocalizer<ProSpace> proSpace) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "annee")]
    public string? YearParameter { get; set; }

    [BindProperty(SupportsGet = true, Name = "reseau")]
    public string? NetworkParameter { get; set; }

    [BindProperty(SupportsGet = true, Name = "service")]
    public string? ServiceParameter { get; set; }

    [BindProperty(SupportsGet = true, Name = "theme")]
    public string? ThemeParameter { get; set; }

    public SchoolYear Current { get; private set; }

    public CoverageFilter Filter { get; private set; } = new(null, null, null);

    public CoverageTable Table { get; private set; } = null!;

    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "prevention";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var lines = new List<IReadOnlyList<string>>
        {
            new[] { text["Coverage.Column.School"].Value, text["Coverage.Column.Network"].Value, text["Coverage.Column.Actions"].Value, text["Coverage.Column.Reached"].Value, text["Coverage.Column.Themes"].Value },
        };
        lines.AddRange(Table.Rows.Select(r => (IReadOnlyList<string>)
        [
            r.School,
            NetworkName(r.Network),
            r.Actions.ToString(CultureInfo.InvariantCulture),
            r.Reached.ToString(CultureInfo.InvariantCulture),
            ThemeNames(r.Themes),
        ]));
        await audit.RecordExportAsync(nameof(PreventionAction), Table.Year.Label, cancellationToken: cancellationToken);
        return File(CoverageCsv.Write(lines), CoverageCsv.ContentType, $"couverture-prevention-{Table.Year.Label}.csv");
    }

    public string NetworkName(SchoolNetwork network) => proSpace[SchoolNetworks.LabelKey(network)].Value;

    public string ThemeNames(PreventionThemes themes) => string.Join(", ", StrictEnums.Each(themes).Select(t => text[$"Theme.{t}"].Value));

    /// <summary>The address of the CSV with the filters shown.</summary>
    public string CsvAddress => QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = "csv",
        ["annee"] = Table.Year.StartYear.ToString(CultureInfo.InvariantCulture),
        ["reseau"] = Filter.Network?.ToString(),
        ["service"] = Filter.ServiceId?.ToString(CultureInfo.InvariantCulture),
        ["theme"] = Filter.Theme?.ToString(),
    }.Where(p => p.Value is not null)).ToUriComponent();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Current = SchoolYear.At(clock.GetUtcNow());
        var year = SchoolYear.Read(YearParameter) ?? Current;
        var theme = StrictEnums.Parse<PreventionThemes>(ThemeParameter) is { } t && t != PreventionThemes.None && StrictEnums.Each(t).Count() == 1 ? t : (PreventionThemes?)null;
        var service = int.TryParse(ServiceParameter, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null;
        Filter = new CoverageFilter(StrictEnums.Parse<SchoolNetwork>(NetworkParameter), service, theme);
        Services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);
        Table = await coverage.OfAsync(year, Filter, User, cancellationToken);
    }
}
