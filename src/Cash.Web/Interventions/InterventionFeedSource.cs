using Cash.Web.Data;
using Cash.Web.Domain.Interventions;
using Cash.Web.Meetings;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Interventions;

/// <summary>
/// The interventions a person takes part in, for their calendar feed, from 90 days back: those they
/// are named to come to, and those their service organises or has confirmed, unless cancelled. What
/// leaves the platform is the time, the school (as the place) and a generic summary with the
/// situation's reference at most: never the plan, the classes or the report.
/// </summary>
public sealed class InterventionFeedSource : ICalendarFeedSource
{
    public const string Summary = "Intervention en classe";

    public const int MaxInterventions = 500;

    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(CashDbContext db, FeedOwner owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(owner);
        var since = now.AddDays(-90);
        var serviceId = owner.ServiceId;
        var interventions = await db.Interventions.AsNoTracking()
            .Where(i => i.EndsAt >= since && i.Status != InterventionStatus.Cancelled
                && (i.People.Any(p => p.ProfessionalId == owner.ProfessionalId)
                    || (serviceId != null && (i.OrganiserServiceId == serviceId
                        || i.Services.Any(s => s.PartnerServiceId == serviceId && s.Status == ParticipationStatus.Confirmed)))))
            .OrderBy(i => i.StartsAt).ThenBy(i => i.Id)
            .Take(MaxInterventions)
            .Select(i => new
            {
                i.Id,
                i.StartsAt,
                i.EndsAt,
                School = db.Schools.Where(s => s.Id == i.SchoolId).Select(s => s.Name).FirstOrDefault(),
                Reference = i.Situation != null ? i.Situation.Reference : null,
            })
            .ToListAsync(cancellationToken);
        return [.. interventions.Select(i => new CalendarEvent
        {
            Uid = $"intervention-{i.Id:D}@cash-mouscron",
            Summary = i.Reference is null ? Summary : $"{Summary} — {i.Reference}",
            Start = new CalDateTime(i.StartsAt.UtcDateTime),
            End = new CalDateTime(i.EndsAt.UtcDateTime),
            Location = i.School,
            DtStamp = new CalDateTime(now.UtcDateTime),
        })];
    }
}
