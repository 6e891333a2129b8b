using Cash.Web.Data;
using Cash.Web.Domain.Tasks;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Meetings;

/// <summary>Whose feed is being built: the person and their service.</summary>
public sealed record FeedOwner(Guid ProfessionalId, int? ServiceId);

/// <summary>
/// One kind of thing a personal calendar feed shows. The feed is the union of every registered
/// source (<c>services.AddScoped&lt;ICalendarFeedSource, …&gt;()</c>): a new kind of dated thing adds
/// a source, and nothing else changes. A source writes what may leave the platform in a calendar
/// app: times, places, generic words and references, never a confided text.
/// </summary>
public interface ICalendarFeedSource
{
    Task<IReadOnlyList<CalendarEvent>> EventsAsync(CashDbContext db, FeedOwner owner, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// The meetings the person's service is invited to, from 90 days back: title, time and place. A
/// cancelled meeting is left out: a subscribed calendar replaces what it holds from the feed on each
/// fetch, so it drops the event (those who took the e-mailed invitation get METHOD:CANCEL).
/// </summary>
public sealed class MeetingFeedSource : ICalendarFeedSource
{
    public const int MaxMeetings = 500;

    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(CashDbContext db, FeedOwner owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.ServiceId is not { } serviceId)
        {
            return [];
        }

        var since = now.AddDays(-90);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.EndsAt >= since && m.CancelledAt == null && m.Services.Any(s => s.PartnerServiceId == serviceId))
            .OrderBy(m => m.StartsAt).ThenBy(m => m.Id)
            .Take(MaxMeetings)
            .ToListAsync(cancellationToken);
        return [.. meetings.Select(m => MeetingCalendar.Event(m, now))];
    }
}

/// <summary>
/// The due days of the person's open tasks, as all-day events whose summary says only "Tâche à
/// échéance" (and the situation's reference when it has one): never the task's title.
/// </summary>
public sealed class TaskFeedSource : ICalendarFeedSource
{
    public const string Summary = "Tâche à échéance";

    public const int MaxTasks = 500;

    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(CashDbContext db, FeedOwner owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(owner);
        var tasks = await db.WorkTasks.AsNoTracking()
            .Where(t => t.AssigneeId == owner.ProfessionalId && t.Status == WorkTaskStatus.ToDo && t.DueOn != null)
            .OrderBy(t => t.DueOn).ThenBy(t => t.Id)
            .Take(MaxTasks)
            .Select(t => new
            {
                t.Id,
                DueOn = t.DueOn!.Value,
                Reference = db.Situations.Where(s => s.Id == t.SituationId).Select(s => s.Reference).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. tasks.Select(t => MeetingCalendar.AllDay(
            $"task-{t.Id:D}@cash-mouscron",
            t.DueOn,
            t.Reference is null ? Summary : $"{Summary} — {t.Reference}",
            now))];
    }
}
