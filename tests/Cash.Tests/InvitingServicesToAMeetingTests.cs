using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Cash.Web.Meetings;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Cash.Tests;

/// <summary>
/// Invitations (issue 11, item 4): planning a meeting, or moving it, sends each invited service's
/// address a content-free message with the meeting's calendar entry attached (METHOD:REQUEST, one
/// UID per meeting, SEQUENCE moving on with each change) holding its title, time and place only.
/// </summary>
public abstract class InvitingServicesToAMeetingTests(SmtpCashApp fixture)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Egalite = "egalite-des-chances";

    private readonly CashApp app = fixture.App;
    private readonly SmtpTestServer smtp = fixture.Smtp;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachInvitedServiceReceivesTheCalendarEntryWithTitleTimeAndPlaceOnly()
    {
        var situation = await app.NewSituation(Declic).Summary("Résumé secret de la situation").SaveAsync();
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;
        var title = "Réunion du réseau " + Guid.NewGuid();
        var services = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking().Where(s => s.Slug == Declic || s.Slug == Mediation).ToListAsync(Cancellation));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await browser.AntiforgeryTokenAsync("/pro/reunions/nouvelle")),
            new("Input.Kind", nameof(MeetingKind.CaseConsultation)),
            new("Input.Title", title),
            new("Input.Day", "2027-02-10"),
            new("Input.Start", "14:00"),
            new("Input.End", "16:00"),
            new("Input.Place", "Hôtel de ville, salle 2"),
        };
        fields.AddRange(services.Select(s => new KeyValuePair<string, string>("Input.Services", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        using (var content = new FormUrlEncodedContent(fields))
        using (var created = await browser.PostAsync(new Uri("/pro/reunions/nouvelle", UriKind.Relative), content, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var meeting = await app.InDatabaseAsync(db => db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Title == title, Cancellation));
        Assert.NotNull(meeting);

        // An agenda item about the situation: never in an invitation sent afterwards.
        await app.AddAgendaItemAsync(meeting.Id, "Point sur " + situation.Reference, situation.Id, "Notes secrètes");

        foreach (var service in services)
        {
            var message = await smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == service.Email) && CalendarOf(m)?.Contains(MeetingCalendar.Uid(meeting.Id), StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20));
            var ics = CalendarOf(message)!;
            var attachment = message.Attachments.OfType<MimePart>().Single();
            Assert.Equal("text/calendar", attachment.ContentType.MimeType);
            Assert.Equal("REQUEST", attachment.ContentType.Parameters["method"]);

            var calendar = Calendar.Load(ics)!;
            Assert.Equal("REQUEST", calendar.Method);
            var entry = Assert.Single(calendar.Events);
            Assert.Equal(MeetingCalendar.Uid(meeting.Id), entry.Uid);
            Assert.Equal(0, entry.Sequence);
            Assert.Equal(title, entry.Summary);
            Assert.Equal("Hôtel de ville, salle 2", entry.Location);
            Assert.Equal(new DateTime(2027, 2, 10, 13, 0, 0, DateTimeKind.Utc), entry.Start!.AsUtc);
            Assert.Equal(new DateTime(2027, 2, 10, 15, 0, 0, DateTimeKind.Utc), entry.End!.AsUtc);
            Assert.Null(entry.Description);
            Assert.Contains("ORGANIZER:mailto:", ics, StringComparison.OrdinalIgnoreCase);

            var body = message.TextBody + message.HtmlBody;
            Assert.DoesNotContain(title, body, StringComparison.Ordinal);
            Assert.DoesNotContain(situation.Reference, body + ics, StringComparison.Ordinal);
            Assert.DoesNotContain("secrète", body + ics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MovingAMeetingSendsTheSameEntryAgainWithAHigherSequence()
    {
        var meeting = await app.AddMeetingAsync("Concertation " + Guid.NewGuid(), new DateTimeOffset(2027, 5, 20, 8, 0, 0, TimeSpan.Zero), Declic);
        var address = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == Declic).Select(s => s.Email).SingleAsync(Cancellation));
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;
        bool About(MimeMessage m) => m.To.Mailboxes.Any(a => a.Address == address) && CalendarOf(m)?.Contains(MeetingCalendar.Uid(meeting), StringComparison.Ordinal) == true;

        // Only the title changes: no invitation.
        using (var renamed = await browser.PostFormAsync($"/pro/reunions/{meeting}/modifier", new Dictionary<string, string?> { ["Input.Kind"] = nameof(MeetingKind.NetworkMeeting) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        Assert.DoesNotContain(smtp.Messages, About);

        using (var moved = await browser.PostFormAsync($"/pro/reunions/{meeting}/modifier", new Dictionary<string, string?> { ["Input.Start"] = "11:00", ["Input.End"] = "12:30" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        var message = await smtp.WaitForMessageAsync(About, TimeSpan.FromSeconds(20));
        var entry = Assert.Single(Calendar.Load(CalendarOf(message)!)!.Events);
        Assert.Equal(MeetingCalendar.Uid(meeting), entry.Uid);
        Assert.Equal(1, entry.Sequence);
        Assert.Equal(new DateTime(2027, 5, 20, 9, 0, 0, DateTimeKind.Utc), entry.Start!.AsUtc);
        Assert.Single(smtp.Messages, About);
    }

    private static string? CalendarOf(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().FirstOrDefault(p => p.ContentType.MimeType == "text/calendar");
        if (part is null)
        {
            return null;
        }

        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

public sealed class InvitingServicesToAMeetingOnSqlite(SqliteSmtpCashApp fixture) : InvitingServicesToAMeetingTests(fixture), IClassFixture<SqliteSmtpCashApp>;

public sealed class InvitingServicesToAMeetingOnPostgres(PostgresSmtpCashApp fixture) : InvitingServicesToAMeetingTests(fixture), IClassFixture<PostgresSmtpCashApp>;
