using Cash.Web.Data;
using Cash.Web.Domain.Tools;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Tools;

/// <summary>What became of a booking asked for: booked, or refused by the booking that already holds some of those days.</summary>
public sealed record BookingOutcome(ToolBooking? Booked, ToolBooking? Conflict);

/// <summary>
/// Books a kit so that two bookings racing each other cannot both take the same days. The kit's
/// <see cref="Tool.BookingSequence"/> is a concurrency token that every booking moves on: of two
/// requests that read the bookings at the same moment, the database accepts the first write and
/// refuses the second, which reads the bookings again and is checked anew (then refused with the
/// dates now taken, or booked if the first took other days).
/// </summary>
public sealed class ToolBookings(CashDbContext db, TimeProvider clock)
{
    private const int Attempts = 5;

    /// <summary>Books <paramref name="toolId"/> (a kit, already authorized) for <paramref name="serviceId"/>.</summary>
    public async Task<BookingOutcome> BookAsync(Guid toolId, int serviceId, DateOnly from, DateOnly until, Guid by, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var tool = await db.Tools.SingleAsync(t => t.Id == toolId, cancellationToken);
            var active = await db.ToolBookings.AsNoTracking()
                .Where(b => b.ToolId == toolId && b.CancelledAt == null && b.From < until && b.Until > from)
                .ToListAsync(cancellationToken);
            var (booking, conflict) = tool.Book(Guid.CreateVersion7(), serviceId, from, until, active, by, clock.GetUtcNow());
            if (booking is null)
            {
                return new BookingOutcome(null, conflict);
            }

            db.ToolBookings.Add(booking);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new BookingOutcome(booking, null);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another booking (or a cancellation) of this kit was saved meanwhile: read again and check again.
                // On SQLite the other writer may also hold the file for a moment ("database is locked").
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
            }
        }
    }
}
