using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Calendar;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.AuditLog;

/// <summary>
/// The audit trail for administrators: filtered, newest first, a page at a time, with the
/// verification of its hash chain (which is itself recorded).
/// </summary>
[Authorize(Policy = ProPolicies.Administrator)]
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory, AuditQuery query, AuditVerifier verifier, AuditTrail audit, IStringLocalizer<ProSpace> text) : PageModel
{
    public const string ActionField = "action";
    public const string OutcomeField = "resultat";
    public const string ActorField = "acteur";
    public const string FromField = "du";
    public const string ToField = "au";

    // The filters arrive as text from the address, so a mistyped value is a field error in the person's language.
    [BindProperty(SupportsGet = true, Name = ActionField)]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = OutcomeField)]
    public string? OutcomeFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = ActorField)]
    public string? ActorFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = FromField)]
    public string? FromFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = ToField)]
    public string? ToFilter { get; set; }

    /// <summary>Shows the entries numbered below this one (the "older" link).</summary>
    [BindProperty(SupportsGet = true, Name = "avant")]
    public string? Before { get; set; }

    public static IReadOnlyList<string> Actions => AuditQuery.KnownActions;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public bool IsFirstPage { get; private set; } = true;

    public AuditVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = await verifier.VerifyAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.AuditVerify, Verification.IsIntact ? AuditOutcome.Success : AuditOutcome.Failure, cancellationToken: cancellationToken);

        // The verification stands alone; the list under it starts again from the newest, unfiltered.
        ActionFilter = OutcomeFilter = ActorFilter = FromFilter = ToFilter = Before = null;
        return await ShowAsync(cancellationToken);
    }

    /// <summary>The address of this page with the current filters, starting below <paramref name="before"/>.</summary>
    public string Link(long? before)
    {
        var query = new Dictionary<string, string?>
        {
            [ActionField] = ActionFilter,
            [OutcomeField] = OutcomeFilter,
            [ActorField] = ActorFilter,
            [FromField] = FromFilter,
            [ToField] = ToFilter,
            ["avant"] = before?.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/pro/admin/journal", query.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    /// <summary>The readable name of an action, or the code itself for one this version does not know.</summary>
    public string LabelOf(string action)
    {
        var label = text[$"Audit.Action.{action}"];
        return label.ResourceNotFound ? action : label.Value;
    }

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        var filter = ReadFilter();
        ViewData["Section"] = "audit";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        long? before = long.TryParse(Before, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
        IsFirstPage = before is null;
        var page = await query.FindAsync(filter, before, cancellationToken);
        NextBefore = page.NextBefore;

        var actorIds = page.Lines.Where(l => l.ActorId is not null).Select(l => l.ActorId!.Value).Distinct().ToList();
        var actors = await db.Users.AsNoTracking()
            .Where(p => actorIds.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName })
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);

        Rows = [.. page.Lines.Select(line => new Row(
            line,
            line.ActorId is { } actor ? actors.GetValueOrDefault(actor) : null,
            services.NameOf(line.PartnerServiceId)))];
        return Page();
    }

    private AuditFilter ReadFilter()
    {
        string? action = null;
        if (!string.IsNullOrWhiteSpace(ActionFilter))
        {
            action = Actions.FirstOrDefault(a => a == ActionFilter.Trim());
            if (action is null)
            {
                ModelState.AddModelError(ActionField, text["Audit.Filter.ActionUnknown"]);
            }
        }

        AuditOutcome? outcome = null;
        if (!string.IsNullOrWhiteSpace(OutcomeFilter))
        {
            outcome = StrictEnums.Parse<AuditOutcome>(OutcomeFilter.Trim());
            if (outcome is null)
            {
                ModelState.AddModelError(OutcomeField, text["Audit.Filter.OutcomeUnknown"]);
            }
        }

        Guid? actorId = null;
        if (!string.IsNullOrWhiteSpace(ActorFilter))
        {
            if (Guid.TryParse(ActorFilter.Trim(), out var parsed))
            {
                actorId = parsed;
            }
            else
            {
                ModelState.AddModelError(ActorField, text["Audit.Filter.ActorInvalid"]);
            }
        }

        var from = ReadDate(FromFilter, FromField);
        var to = ReadDate(ToFilter, ToField);
        if (from is not null && to is not null && to < from)
        {
            ModelState.AddModelError(ToField, text["Audit.Filter.ToBeforeFrom"]);
        }

        // Days are Brussels days: "from" is that day's first instant, "to" includes the whole day.
        return new AuditFilter(
            Action: action,
            Outcome: outcome,
            ActorId: actorId,
            From: from is { } first ? Brussels.StartOf(first) : null,
            To: to is { } last ? Brussels.StartOf(last.AddDays(1)) : null);
    }

    private DateOnly? ReadDate(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (TypedDays.TryParse(value, out var date))
        {
            return date;
        }

        ModelState.AddModelError(field, text["Audit.Filter.DateInvalid"]);
        return null;
    }

    /// <param name="ActorName">The actor's display name when the id is a known person; else the id is shown.</param>
    public sealed record Row(AuditLine Line, string? ActorName, string? ServiceName);
}
