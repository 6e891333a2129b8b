using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Inbox;

/// <summary>
/// The service's inbox: the requests addressed to my service, unacknowledged first; for the
/// coordinators also CASH's triage ("orient me" requests) and the requests services left
/// unacknowledged too long. Only metadata here: opening a request is its own, audited, page.
/// </summary>
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory, TimeProvider clock) : PageModel
{
    /// <summary>The value of <see cref="Show"/> that lists the closed requests instead of the open ones.</summary>
    public const string ClosedView = "closes";

    [BindProperty(SupportsGet = true, Name = "vue")]
    public string? Show { get; set; }

    /// <summary>What was just done on a request that is no longer here (post, redirect, get): <c>transferee</c>, <c>attribuee</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public bool ShowsClosed => Show == ClosedView;

    public bool HasService { get; private set; }

    public bool IsCoordinator { get; private set; }

    public string? ServiceName { get; private set; }

    public IReadOnlyList<InboxRow> Mine { get; private set; } = [];

    public IReadOnlyList<InboxRow> Triage { get; private set; } = [];

    /// <summary>Requests addressed to a service, not acknowledged within two working days: the coordinators' alert.</summary>
    public IReadOnlyList<InboxRow> Escalated { get; private set; } = [];

    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var serviceId = User.ServiceId();
        HasService = serviceId is not null;
        IsCoordinator = User.IsInRole(ProRole.Coordinator);
        Services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);
        ServiceName = Services.NameOf(serviceId);
        ViewData["Section"] = "inbox";

        var visible = await db.HelpRequests.AsNoTracking().VisibleTo(User)
            .Where(r => ShowsClosed ? r.Status == HelpRequestStatus.Closed : r.Status != HelpRequestStatus.Closed)
            .Select(r => new InboxRow(r.Id, r.PartnerServiceId, r.CreatedAt, r.SenderRole, r.AgeBand, r.Forms, r.Status, r.Outcome, r.ReplyChannel, r.EscalatedAt != null, true))
            .ToListAsync(cancellationToken);

        // Status is stored as text and lists are short: the order is made here, unacknowledged first, longest waiting first.
        Mine = [.. Ordered(visible.Where(r => r.ServiceId is not null && r.ServiceId == serviceId))];
        Triage = [.. Ordered(visible.Where(r => r.ServiceId is null))];
        if (IsCoordinator && !ShowsClosed)
        {
            var escalated = await db.HelpRequests.AsNoTracking().Escalated()
                .Where(r => r.PartnerServiceId != serviceId)
                .Select(r => new InboxRow(r.Id, r.PartnerServiceId, r.CreatedAt, r.SenderRole, r.AgeBand, r.Forms, r.Status, r.Outcome, r.ReplyChannel, true, false))
                .ToListAsync(cancellationToken);
            Escalated = [.. Ordered(escalated)];
        }

        return Page();
    }

    public int DaysWaiting(InboxRow row) => Math.Max(0, (Now - row.ReceivedAt).Days);

    private static IEnumerable<InboxRow> Ordered(IEnumerable<InboxRow> rows) =>
        rows.OrderBy(r => r.Status == HelpRequestStatus.New ? 0 : 1).ThenBy(r => r.ReceivedAt);

    /// <param name="MayOpen">False for the coordinators' view of another service's late request: they are told, not shown.</param>
    public sealed record InboxRow(
        Guid Id,
        int? ServiceId,
        DateTimeOffset ReceivedAt,
        SenderRole SenderRole,
        AgeBand AgeBand,
        BullyingForm Forms,
        HelpRequestStatus Status,
        HelpOutcome? Outcome,
        ReplyChannel ReplyChannel,
        bool IsEscalated,
        bool MayOpen);

    /// <summary>One list of the page, for the shared table partial.</summary>
    public sealed record InboxTable(string Id, string Caption, IReadOnlyList<InboxRow> Rows, IndexModel Page, bool ShowsService);
}
