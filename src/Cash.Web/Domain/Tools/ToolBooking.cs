using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Tools;

/// <summary>
/// A service's booking of a physical kit. <see cref="From"/> is the day it is taken,
/// <see cref="Until"/> the day it is given back: the days taken are [From, Until), so a booking that
/// ends on the day another starts does not overlap it (the kit changes hands that day). A booking
/// lasts at least one day: <see cref="Until"/> is after <see cref="From"/>.
/// </summary>
public sealed class ToolBooking : IAuditedRecord
{
    /// <summary>The longest booking, in days: a kit is not lent for the year.</summary>
    public const int MaxDays = 92;

    private ToolBooking()
    {
    }

    internal ToolBooking(Guid id, Guid toolId, int serviceId, DateOnly from, DateOnly until, Guid by, DateTimeOffset at)
    {
        if (until <= from)
        {
            throw new ArgumentException("A booking is given back after the day it is taken.", nameof(until));
        }

        Id = id;
        ToolId = toolId;
        ServiceId = serviceId;
        From = from;
        Until = until;
        BookedBy = by;
        BookedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid ToolId { get; private set; }

    /// <summary>For the access rule's queries only.</summary>
    public Tool? Tool { get; private set; }

    /// <summary>The service that borrows it.</summary>
    public int ServiceId { get; private set; }

    /// <summary>The day the kit is taken.</summary>
    public DateOnly From { get; private set; }

    /// <summary>The day the kit is given back (another booking may start that day).</summary>
    public DateOnly Until { get; private set; }

    public Guid BookedBy { get; private set; }

    public DateTimeOffset BookedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public Guid? CancelledBy { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    string IAuditedRecord.AuditId => Id.ToString();

    /// <summary>Whether [from, until) and [other.From, other.Until) share a day.</summary>
    public static bool Overlap(DateOnly from, DateOnly until, DateOnly otherFrom, DateOnly otherUntil) => from < otherUntil && otherFrom < until;

    /// <summary>The first booking not cancelled that shares a day with [from, until), earliest first; null when none.</summary>
    public static ToolBooking? FirstOverlap(IEnumerable<ToolBooking> bookings, DateOnly from, DateOnly until) =>
        bookings.Where(b => !b.IsCancelled && Overlap(from, until, b.From, b.Until)).OrderBy(b => b.From).ThenBy(b => b.Id).FirstOrDefault();

    internal void Cancel(Guid by, DateTimeOffset at)
    {
        if (IsCancelled)
        {
            return;
        }

        CancelledAt = at;
        CancelledBy = by;
    }
}
