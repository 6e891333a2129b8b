using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Situations;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// "Who saw this file", for the members of the lead service only: every read, change, referral and
/// download of the situation and of what it holds, from the audit trail — person, service, action,
/// time — newest first, a page at a time. Reading a journal or a list of documents writes one line
/// per record; such a run of lines by one person is shown as one row with its number.
/// Anyone else gets 404, as for every page of a situation.
/// </summary>
public sealed class HistoryModel(
    CashDbContext db,
    IAuthorizationService authorization,
    SituationHistory history,
    PartnerDirectoryCache directory,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    /// <summary>Lines this close in time, by the same person doing the same thing to the same kind of record, make one row.</summary>
    public static readonly TimeSpan SameMoment = TimeSpan.FromMinutes(1);

    /// <summary>Shows the lines numbered below this one (the "older" link).</summary>
    [BindProperty(SupportsGet = true, Name = "avant")]
    public string? Before { get; set; }

    public Situation Item { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public bool IsFirstPage { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await db.Situations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (situation is null || !(await authorization.AuthorizeAsync(User, situation, SituationOperations.Lead)).Succeeded)
        {
            return NotFound();
        }

        Item = situation;
        ViewData["Section"] = "situations";
        long? before = long.TryParse(Before, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
        IsFirstPage = before is null;
        var page = await history.FindAsync(id, User, before, cancellationToken);
        NextBefore = page.NextBefore;

        var actorIds = page.Lines.Where(l => l.ActorId is not null).Select(l => l.ActorId!.Value).Distinct().ToList();
        var actors = await db.Users.AsNoTracking()
            .Where(p => actorIds.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName })
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var services = await directory.GetAsync(cancellationToken);
        var language = CashCultures.CurrentLanguage;

        Rows = [.. Group(page.Lines).Select(run => new Row(
            run[0],
            run.Count,
            run[0].ActorId is { } actor ? actors.GetValueOrDefault(actor) : null,
            services.NameOf(run[0].PartnerServiceId, language)))];
        return Page();
    }

    /// <summary>The address of this page starting below <paramref name="before"/>.</summary>
    public string Link(long? before) =>
        before is { } sequence
            ? string.Create(CultureInfo.InvariantCulture, $"/pro/situations/{Item.Id}/historique?avant={sequence}")
            : $"/pro/situations/{Item.Id}/historique";

    /// <summary>What was done, in words: a download is how a document is exported.</summary>
    public string ActionOf(AuditLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var key = line.Action == AuditActions.Export && line.EntityType == nameof(SituationDocument)
            ? "History.Action.Download"
            : $"History.Action.{line.Action}";
        var label = text[key];
        return label.ResourceNotFound ? line.Action : label.Value;
    }

    /// <summary>What it was done to: "the situation", "a journal entry", "12 journal entries".</summary>
    public string RecordOf(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var type = row.Line.EntityType ?? "";
        var label = row.Count == 1 ? text[$"History.Record.{type}"] : text[$"History.Record.{type}.Many", row.Count];
        return label.ResourceNotFound ? type : label.Value;
    }

    /// <summary>
    /// Runs of consecutive lines by one person, doing one thing, to one kind of record, within
    /// <see cref="SameMoment"/>, each record once: the same journal read twice is two rows, so a
    /// row's number is how many records it was done to.
    /// </summary>
    private static List<List<AuditLine>> Group(IReadOnlyList<AuditLine> lines)
    {
        var runs = new List<List<AuditLine>>();
        foreach (var line in lines)
        {
            var run = runs.Count > 0 ? runs[^1] : null;
            var first = run?[0];
            if (run is not null && first is not null
                && line.IsReadable && first.IsReadable
                && line.ActorId == first.ActorId && line.PartnerServiceId == first.PartnerServiceId
                && line.Action == first.Action && line.EntityType == first.EntityType && line.Outcome == first.Outcome
                && first.At - line.At <= SameMoment
                && !run.Any(l => l.EntityId == line.EntityId))
            {
                run.Add(line);
            }
            else
            {
                runs.Add([line]);
            }
        }

        return runs;
    }

    /// <param name="Line">The newest line of the run.</param>
    /// <param name="Count">How many lines the run holds.</param>
    /// <param name="ActorName">The person's display name when the id is a known person; null for the platform itself or a person since deleted.</param>
    public sealed record Row(AuditLine Line, int Count, string? ActorName, string? ServiceName);
}
