using System.Text;
using Cash.Web.Domain.Meetings;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Cash.Web.Meetings;

/// <summary>
/// The iCalendar texts of meetings: an invitation (METHOD:REQUEST), a cancellation (METHOD:CANCEL) and the events of a personal
/// feed. A meeting's event holds its title, time and place only — never its agenda, situations,
/// minutes or decisions — under a UID that stays the same for the meeting and a SEQUENCE that moves
/// on when its time or place changes or it is cancelled.
/// </summary>
public static class MeetingCalendar
{
    public const string ProductId = "-//CASH Mouscron//Reunions//FR";

    /// <summary>The meeting's UID, the same in every invitation and feed.</summary>
    public static string Uid(Guid meetingId) => $"meeting-{meetingId:D}@cash-mouscron";

    public static CalendarEvent Event(Meeting meeting, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return new CalendarEvent
        {
            Uid = Uid(meeting.Id),
            Sequence = meeting.Sequence,
            Summary = meeting.Title,
            Start = new CalDateTime(meeting.StartsAt.UtcDateTime),
            End = new CalDateTime(meeting.EndsAt.UtcDateTime),
            Location = meeting.Place ?? meeting.VideoLink,
            DtStamp = new CalDateTime(stamp.UtcDateTime),
        };
    }

    /// <summary>An all-day event on <paramref name="day"/> with a summary given by the caller (generic: it never carries content).</summary>
    public static CalendarEvent AllDay(string uid, DateOnly day, string summary, DateTimeOffset stamp) => new()
    {
        Uid = uid,
        Summary = summary,
        Start = new CalDateTime(day),
        End = new CalDateTime(day.AddDays(1)),
        DtStamp = new CalDateTime(stamp.UtcDateTime),
    };

    /// <summary>The attachment of an invitation: METHOD:REQUEST and the meeting's one event, organised by the platform's sender address.</summary>
    public static byte[] Invitation(Meeting meeting, DateTimeOffset stamp, string organizerAddress)
    {
        var calendar = new Calendar { ProductId = ProductId, Method = "REQUEST" };
        var entry = Event(meeting, stamp);
        entry.Organizer = new Organizer { Value = new Uri($"mailto:{organizerAddress}") };
        calendar.Events.Add(entry);
        return Serialize(calendar);
    }

    /// <summary>
    /// The attachment of a cancellation: METHOD:CANCEL and the meeting's event under its UID with the
    /// SEQUENCE moved on by cancelling and STATUS:CANCELLED, so a calendar app that holds it drops it.
    /// </summary>
    public static byte[] Cancellation(Meeting meeting, DateTimeOffset stamp, string organizerAddress)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (!meeting.IsCancelled)
        {
            throw new InvalidOperationException("The meeting is not cancelled.");
        }

        var calendar = new Calendar { ProductId = ProductId, Method = "CANCEL" };
        var entry = Event(meeting, stamp);
        entry.Status = EventStatus.Cancelled;
        entry.Organizer = new Organizer { Value = new Uri($"mailto:{organizerAddress}") };
        calendar.Events.Add(entry);
        return Serialize(calendar);
    }

    /// <summary>A calendar (METHOD:PUBLISH) holding <paramref name="events"/>.</summary>
    public static byte[] Feed(IEnumerable<CalendarEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH" };
        foreach (var e in events)
        {
            calendar.Events.Add(e);
        }

        return Serialize(calendar);
    }

    private static byte[] Serialize(Calendar calendar) =>
        Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? "");
}
