using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Meetings;
using Cash.Web.Meetings;
using Cash.Web.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>
/// The person's calendar address: made (replacing any earlier one), shown once, revoked. Only a
/// keyed hash of it is kept, so it cannot be shown again: a lost address is replaced.
/// </summary>
public sealed class CalendarModel(CashDbContext db, CalendarFeedTokens tokens, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>When the active feed was made, if there is one.</summary>
    public DateTimeOffset? ActiveSince { get; private set; }

    /// <summary>The address just made: shown once, on the answer to the post.</summary>
    public Uri? NewAddress { get; private set; }

    public bool Revoked { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var person = User.ProfessionalId()!.Value;
        var token = await tokens.CreateAsync(db, person, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.CalendarFeedCreate, AuditOutcome.Success, nameof(CalendarFeed), cancellationToken: cancellationToken);
        NewAddress = new Uri(SiteAddress.For(HttpContext), CalendarFeedEndpoint.PathOf(token));
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(db, User.ProfessionalId()!.Value, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.CalendarFeedRevoke, AuditOutcome.Success, nameof(CalendarFeed), cancellationToken: cancellationToken);
        Revoked = true;
        return await ShowAsync(cancellationToken);
    }

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "account";
        var person = User.ProfessionalId();
        var active = await db.CalendarFeeds.AsNoTracking()
            .Where(f => f.ProfessionalId == person && f.RevokedAt == null)
            .Select(f => new { f.Id, f.CreatedAt })
            .ToListAsync(cancellationToken);
        ActiveSince = active.Count == 0 ? null : active.Max(f => f.CreatedAt);
        return Page();
    }
}
