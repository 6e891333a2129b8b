using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Cash.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cash.Web.Meetings;

/// <summary>
/// Sends a meeting's invitation, or its cancellation, to each invited service's address, once the
/// meeting is saved: a content-free message and its calendar entry (title, time, place). A delivery
/// that fails is logged by the mailer and does not undo the meeting.
/// </summary>
public sealed class MeetingInvitations(IServiceScopeFactory scopes, Mailer mailer, IOptions<SmtpOptions> smtp, TimeProvider clock)
{
    /// <summary>Sends to every service invited to the meeting (or to those of <paramref name="only"/> among them); returns how many messages were handed over.</summary>
    public Task<int> SendAsync(Guid meetingId, Uri link, IReadOnlyCollection<int>? only, CancellationToken cancellationToken) =>
        SendToInvitedAsync(
            meetingId,
            only,
            (meeting, organizer) => meeting.IsCancelled ? null : MeetingCalendar.Invitation(meeting, clock.GetUtcNow(), organizer),
            (address, calendar) => mailer.SendMeetingInvitationAsync(address, link, calendar, cancellationToken),
            cancellationToken);

    /// <summary>Tells every service invited to a cancelled meeting that it is cancelled (METHOD:CANCEL); returns how many messages were handed over.</summary>
    public Task<int> SendCancellationAsync(Guid meetingId, Uri link, CancellationToken cancellationToken) =>
        SendToInvitedAsync(
            meetingId,
            null,
            (meeting, organizer) => meeting.IsCancelled ? MeetingCalendar.Cancellation(meeting, clock.GetUtcNow(), organizer) : null,
            (address, calendar) => mailer.SendMeetingCancellationAsync(address, link, calendar, cancellationToken),
            cancellationToken);

    private async Task<int> SendToInvitedAsync(
        Guid meetingId,
        IReadOnlyCollection<int>? only,
        Func<Meeting, string, byte[]?> calendarOf,
        Func<string, byte[], Task> send,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Services).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return 0;
        }

        var serviceIds = meeting.Services.Select(s => s.PartnerServiceId).Where(id => only is null || only.Contains(id)).ToList();
        var calendar = calendarOf(meeting, MailboxAddress.Parse(smtp.Value.From).Address);
        if (serviceIds.Count == 0 || calendar is null)
        {
            return 0;
        }

        var addresses = await db.PartnerServices.AsNoTracking()
            .Where(s => serviceIds.Contains(s.Id) && s.Email != "")
            .OrderBy(s => s.Id)
            .Select(s => s.Email)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var address in addresses)
        {
            try
            {
                await send(address, calendar);
                sent++;
            }
            catch (MailDeliveryException)
            {
                // Logged by the mailer (kind only); the others are still sent.
            }
        }

        return sent;
    }
}
