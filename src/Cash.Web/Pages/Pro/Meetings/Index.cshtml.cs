using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Meetings;

/// <summary>
/// The meetings the person may see (their service invited; every meeting for a coordinator): the
/// coming ones, soonest first, and the past ones, latest first (the 50 last). A cancelled meeting
/// keeps its place, marked.
/// </summary>
public sealed class IndexModel(CashDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxUpcoming = 100;
    public const int MaxPast = 50;

    public IReadOnlyList<Row> Upcoming { get; private set; } = [];

    public IReadOnlyList<Row> Past { get; private set; } = [];

    public bool MayCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "meetings";
        MayCreate = User.Role() == ProRole.Coordinator;
        var now = clock.GetUtcNow();
        var visible = db.Meetings.AsNoTracking().Allowing(MeetingAccess.Rule, User, MeetingOperations.View);
        Upcoming = await visible.Where(m => m.EndsAt >= now)
            .OrderBy(m => m.StartsAt).ThenBy(m => m.Id)
            .Take(MaxUpcoming)
            .Select(m => new Row(m.Id, m.Kind, m.Title, m.StartsAt, m.EndsAt, m.Place ?? m.VideoLink, m.CancelledAt != null))
            .ToListAsync(cancellationToken);
        Past = await visible.Where(m => m.EndsAt < now)
            .OrderByDescending(m => m.StartsAt).ThenByDescending(m => m.Id)
            .Take(MaxPast)
            .Select(m => new Row(m.Id, m.Kind, m.Title, m.StartsAt, m.EndsAt, m.Place ?? m.VideoLink, m.CancelledAt != null))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(Guid Id, MeetingKind Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Where, bool Cancelled);
}
