using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Interventions;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Interventions;

/// <summary>
/// The interventions a viewer may see, through <see cref="InterventionAccess"/> (their metadata
/// only: no text is read here), for the month view, the list, the dashboard and the calendar feed.
/// Days are Brussels days: an intervention belongs to the day it starts on in Mouscron.
/// A situation is named by its reference only.
/// </summary>
public sealed class InterventionCalendar(CashDbContext db)
{
    /// <summary>At most this many rows per list or range (a month holds far fewer).</summary>
    public const int MaxRows = 200;

    /// <summary>The interventions starting on Brussels days <paramref name="first"/> to <paramref name="last"/> (both included), by start.</summary>
    public Task<IReadOnlyList<CalendarEntry>> BetweenAsync(ClaimsPrincipal user, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        BetweenAsync(Viewer.Of(user), first, last, cancellationToken);

    /// <inheritdoc cref="BetweenAsync(ClaimsPrincipal, DateOnly, DateOnly, CancellationToken)"/>
    public async Task<IReadOnlyList<CalendarEntry>> BetweenAsync(Viewer viewer, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var from = Brussels.StartOf(first);
        var to = Brussels.StartOf(last.AddDays(1));
        return await Visible(viewer)
            .Where(i => i.StartsAt >= from && i.StartsAt < to)
            .OrderBy(i => i.StartsAt).ThenBy(i => i.Id)
            .Take(MaxRows)
            .Select(Projection())
            .ToListAsync(cancellationToken);
    }

    /// <summary>Those still to come (not ended by <paramref name="now"/>), soonest first.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> UpcomingAsync(Viewer viewer, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Visible(viewer)
            .Where(i => i.EndsAt >= now)
            .OrderBy(i => i.StartsAt).ThenBy(i => i.Id)
            .Take(MaxRows)
            .Select(Projection())
            .ToListAsync(cancellationToken);

    /// <summary>Those already over at <paramref name="now"/>, latest first.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> PastAsync(Viewer viewer, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Visible(viewer)
            .Where(i => i.EndsAt < now)
            .OrderByDescending(i => i.StartsAt).ThenByDescending(i => i.Id)
            .Take(MaxRows)
            .Select(Projection())
            .ToListAsync(cancellationToken);

    private IQueryable<Intervention> Visible(Viewer viewer) =>
        db.Interventions.AsNoTracking().Where(InterventionAccess.Rule.Allows(viewer, InterventionOperations.ViewMetadata));

    private System.Linq.Expressions.Expression<Func<Intervention, CalendarEntry>> Projection() =>
        i => new CalendarEntry(
            i.Id,
            i.StartsAt,
            i.EndsAt,
            i.SchoolId,
            db.Schools.Where(s => s.Id == i.SchoolId).Select(s => s.Name).FirstOrDefault() ?? "",
            i.Classes,
            i.Tool,
            i.Status,
            i.OrganiserServiceId,
            i.Services.Where(s => s.Status != ParticipationStatus.Declined).OrderBy(s => s.PartnerServiceId).Select(s => s.PartnerServiceId).ToList(),
            i.SituationId,
            i.Situation != null ? i.Situation.Reference : null);
}

/// <summary>One intervention on a calendar: where, when, who, and a situation's reference at most.</summary>
public sealed record CalendarEntry(
    Guid Id,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int SchoolId,
    string SchoolName,
    string? Classes,
    string? Tool,
    InterventionStatus Status,
    int OrganiserServiceId,
    IReadOnlyList<int> ServiceIds,
    Guid? SituationId,
    string? SituationReference)
{
    /// <summary>The Brussels day it starts on.</summary>
    public DateOnly Day => Brussels.DayOf(StartsAt);

    public TimeOnly StartTime => TimeOnly.FromDateTime(Brussels.TimeOf(StartsAt).DateTime);

    public TimeOnly EndTime => TimeOnly.FromDateTime(Brussels.TimeOf(EndsAt).DateTime);
}
