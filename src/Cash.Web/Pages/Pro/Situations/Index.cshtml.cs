using System.Globalization;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Schools;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// The situations a professional may see, newest activity first, 25 to a page, paged by keyset
/// (<see cref="ListCursor"/>), with the filters of a GET form. Metadata only: a coordinator whose
/// service is not involved sees these rows too, and the situation's page shows them nothing more.
/// </summary>
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory, ActiveSchools activeSchools) : PageModel
{
    public const string MyService = "mien";

    [BindProperty(SupportsGet = true, Name = "statut")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "gravite")]
    public string? Severity { get; set; }

    [BindProperty(SupportsGet = true, Name = "ecole")]
    public string? School { get; set; }

    [BindProperty(SupportsGet = true, Name = "service")]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "apres")]
    public string? After { get; set; }

    /// <summary>Neither a service nor the coordinators' role: nothing to list.</summary>
    public bool SeesNothing { get; private set; }

    /// <summary>Only a member of a service opens a situation (for that service).</summary>
    public bool MayOpen { get; private set; }

    public SituationFilter Filter { get; private set; } = new(null, null, null, false, false);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The token of the next page, when there is one.</summary>
    public string? NextPage { get; private set; }

    public bool IsFirstPage { get; private set; } = true;

    /// <summary>Referrals waiting for my service's decision.</summary>
    public int WaitingReferrals { get; private set; }

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "situations";
        var serviceId = User.ServiceId();
        SeesNothing = serviceId is null && !User.IsInRole(ProRole.Coordinator);
        MayOpen = serviceId is not null;
        Schools = await activeSchools.GetAsync(cancellationToken);
        if (SeesNothing)
        {
            return Page();
        }

        Services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);
        Filter = new SituationFilter(
            StrictEnums.Parse<SituationStatus>(Status),
            StrictEnums.Parse<Severity>(Severity),
            int.TryParse(School, NumberStyles.None, CultureInfo.InvariantCulture, out var school) ? school : null,
            Service == MyService && serviceId is not null,
            Action == "1" && serviceId is not null);
        var cursor = ListCursor.Decode(After);
        IsFirstPage = cursor is null;

        var rows = new List<ListedSituation>();
        foreach (var query in db.Situations.AsNoTracking()
            .Allowing(SituationAccess.Rule, User, SituationOperations.ViewMetadata)
            .Filtered(Filter, serviceId))
        {
            rows.AddRange(await query
                .After(cursor)
                .Take(SituationList.PageSize + 1)
                .Select(s => new ListedSituation(s.Id, s.Reference, s.SchoolId, s.ClassName, s.OutsideSchool, s.Severity, s.Status, s.Outcome, s.LeadServiceId, s.LastActivityAt))
                .ToListAsync(cancellationToken));
        }

        // The queries of one list never share a row; their first rows merged in the list's order are its page.
        rows = [.. rows.OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.Id).Take(SituationList.PageSize + 1)];
        if (rows.Count > SituationList.PageSize)
        {
            rows.RemoveAt(SituationList.PageSize);
            NextPage = new ListCursor(rows[^1].LastActivityAt, rows[^1].Id).Encode();
        }

        // Two small look-ups for the page's 25 rows rather than a join in the paged query.
        var ids = rows.Select(r => r.Id).ToList();
        var involved = (await db.InvolvedServices.AsNoTracking()
                .Where(i => ids.Contains(i.SituationId) && i.EndedAt == null)
                .Select(i => new { i.SituationId, i.PartnerServiceId })
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.SituationId, i => i.PartnerServiceId);
        var schoolIds = rows.Where(r => r.SchoolId is not null).Select(r => r.SchoolId!.Value).Distinct().ToList();
        var schoolNames = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        Rows = [.. rows.Select(r => new Row(
            r.Id,
            r.Reference,
            r.SchoolId is { } id ? schoolNames.GetValueOrDefault(id) : null,
            // The class is content, as on the situation's page: only for the services involved.
            serviceId is not null && involved[r.Id].Contains(serviceId.Value) ? r.ClassName : null,
            r.OutsideSchool,
            r.Severity,
            r.Status,
            r.Outcome,
            Services.NameOf(r.LeadServiceId) ?? "",
            [.. involved[r.Id].Where(s => s != r.LeadServiceId).Select(s => Services.NameOf(s) ?? "")],
            r.LastActivityAt,
            serviceId is not null && involved[r.Id].Contains(serviceId.Value)))];

        if (serviceId is not null)
        {
            WaitingReferrals = await db.Referrals.AsNoTracking()
                .Allowing(ReferralAccess.Rule, User, SituationOperations.Decide)
                .CountAsync(cancellationToken);
        }

        return Page();
    }

    /// <summary>This list with its filters, from its top or after <paramref name="cursor"/>.</summary>
    public string Link(string? cursor)
    {
        var query = new Dictionary<string, string?>
        {
            ["statut"] = Filter.Status?.ToString(),
            ["gravite"] = Filter.Severity?.ToString(),
            ["ecole"] = Filter.SchoolId?.ToString(CultureInfo.InvariantCulture),
            ["service"] = Filter.MyServiceOnly ? MyService : null,
            ["action"] = Filter.NeedingAction ? "1" : null,
            ["apres"] = cursor,
        };
        return QueryHelpers.AddQueryString("/pro/situations", query.Where(q => q.Value is not null));
    }

    /// <param name="Mine">My service is involved: the link opens the content; otherwise the metadata only.</param>
    public sealed record Row(
        Guid Id,
        string Reference,
        string? SchoolName,
        string? ClassName,
        bool OutsideSchool,
        Severity Severity,
        SituationStatus Status,
        SituationOutcome? Outcome,
        string LeadService,
        IReadOnlyList<string> OtherServices,
        DateTimeOffset LastActivityAt,
        bool Mine);
}

/// <summary>What the list reads of a situation.</summary>
internal sealed record ListedSituation(
    Guid Id, string Reference, int? SchoolId, string? ClassName, bool OutsideSchool, Severity Severity,
    SituationStatus Status, SituationOutcome? Outcome, int LeadServiceId, DateTimeOffset LastActivityAt);
