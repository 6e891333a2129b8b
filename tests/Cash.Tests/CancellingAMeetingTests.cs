using System.Globalization;
using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Cash.Web.Meetings;
using Ical.Net;
using Calendar = Ical.Net.Calendar;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Cash.Tests;

/// <summary>
/// Cancelling a meeting (issue 11, item 4): those who run it cancel it before it starts, after a
/// confirmation page; each invited service gets a content-free message with the calendar
/// cancellation (METHOD:CANCEL, the same UID, a higher SEQUENCE); the meeting stays listed, marked,
/// takes no change any more, and leaves the dashboard and the personal calendar feed.
/// </summary>
public abstract class CancellingAMeetingTests(SmtpCashApp fixture)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";
    private const string Egalite = "egalite-des-chances";

    private readonly CashApp app = fixture.App;
    private readonly SmtpTestServer smtp = fixture.Smtp;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CancellingBeforeTheStartSendsEachInvitedServiceTheCalendarCancellation()
    {
        var title = "Concertation " + Guid.NewGuid();
        var meeting = await app.AddMeetingAsync(title, DateTimeOffset.UtcNow.AddDays(3), Declic, Mediation);
        await app.AddAgendaItemAsync(meeting, "Point secret", null, "Notes secrètes");
        var before = await app.InDatabaseAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting, Cancellation));
        var (coordinator, person) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;

        // The meeting's page leads to the confirmation page, which asks before anything happens.
        var details = await browser.GetPageAsync($"/pro/reunions/{meeting}");
        Assert.NotNull(details.QuerySelector($"#cancel-meeting[href='/pro/reunions/{meeting}/annuler']"));
        var confirm = await browser.GetPageAsync($"/pro/reunions/{meeting}/annuler");
        Assert.NotNull(confirm.QuerySelector("#confirm-cancel"));
        Assert.Null(await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.CancelledAt).SingleAsync(Cancellation)));

        using (var cancelled = await browser.PostFormAsync($"/pro/reunions/{meeting}/annuler", new Dictionary<string, string?>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
            Assert.Equal($"/pro/reunions/{meeting}?fait=annulee", cancelled.Headers.Location?.OriginalString);
        }

        var after = await app.InDatabaseAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting, Cancellation));
        Assert.NotNull(after.CancelledAt);
        Assert.True(after.Sequence > before.Sequence);

        var addresses = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking().Where(s => s.Slug == Declic || s.Slug == Mediation).Select(s => s.Email).ToListAsync(Cancellation));
        Assert.Equal(2, addresses.Count);
        foreach (var address in addresses)
        {
            var message = await smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == address) && CalendarOf(m)?.Contains("METHOD:CANCEL", StringComparison.Ordinal) == true && CalendarOf(m)!.Contains(MeetingCalendar.Uid(meeting), StringComparison.Ordinal), TimeSpan.FromSeconds(20));
            var attachment = message.Attachments.OfType<MimePart>().Single();
            Assert.Equal("annulation.ics", attachment.FileName);
            Assert.Equal("CANCEL", attachment.ContentType.Parameters["method"]);

            var ics = CalendarOf(message)!;
            var calendar = Calendar.Load(ics)!;
            Assert.Equal("CANCEL", calendar.Method);
            var entry = Assert.Single(calendar.Events);
            Assert.Equal(MeetingCalendar.Uid(meeting), entry.Uid);
            Assert.True(entry.Sequence > before.Sequence, "The cancellation must outrank the invitation calendars hold.");
            Assert.Equal("CANCELLED", entry.Status);
            Assert.Equal(title, entry.Summary);
            Assert.True((before.StartsAt.UtcDateTime - entry.Start!.AsUtc).Duration() < TimeSpan.FromSeconds(1));
            Assert.Null(entry.Description);

            var body = message.TextBody + message.HtmlBody;
            Assert.DoesNotContain(title, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Point secret", body + ics, StringComparison.Ordinal);
            Assert.DoesNotContain("Notes secrètes", body + ics, StringComparison.Ordinal);
        }

        // Audited through the record's own mechanism.
        var id = meeting.ToString();
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().AnyAsync(
            e => e.EntityType == nameof(Meeting) && e.EntityId == id && e.Action == AuditActions.Update && e.ActorId == person.Id, Cancellation)));

        // The page says it, offers no change; the list keeps it in its place, marked.
        var page = await browser.GetPageAsync($"/pro/reunions/{meeting}?fait=annulee");
        Assert.NotNull(page.QuerySelector("#cancelled"));
        Assert.NotNull(page.QuerySelector(".notice[role='status']"));
        Assert.Null(page.QuerySelector("#cancel-meeting"));
        Assert.Null(page.QuerySelector($"a[href='/pro/reunions/{meeting}/modifier']"));
        Assert.Null(page.QuerySelector("form[action*='handler=Agenda']"));
        var list = await browser.GetPageAsync("/pro/reunions");
        Assert.NotNull(list.QuerySelector($"#upcoming tr[data-id='{meeting}'] .badge-cancelled"));

        // The edit page refuses: no form, and a form sent anyway changes nothing.
        var edit = await browser.GetPageAsync($"/pro/reunions/{meeting}/modifier");
        Assert.NotNull(edit.QuerySelector("#cannot-edit"));
        Assert.Null(edit.QuerySelector("form[method='post'] #Input_Title"));
        using (var refused = await browser.PostRawAsync($"/pro/reunions/{meeting}/modifier", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/pro/reunions/{meeting}/annuler"),
            ["Input.Title"] = "Titre changé",
            ["Input.Version"] = after.Version.ToString(CultureInfo.InvariantCulture),
        }))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        // Cancelling twice is refused too, and sends nothing more.
        using (var again = await browser.PostRawAsync($"/pro/reunions/{meeting}/annuler", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/pro/reunions/{meeting}/annuler"),
            ["Version"] = after.Version.ToString(CultureInfo.InvariantCulture),
        }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var stored = await app.InDatabaseAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting, Cancellation));
        Assert.Equal(title, stored.Title);
        Assert.Equal(after.Version, stored.Version);
        Assert.Equal(after.CancelledAt, stored.CancelledAt);
    }

    [Fact]
    public async Task AnItemSentToTheAgendaOfACancelledMeetingIsRefusedAndNothingIsSaved()
    {
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddDays(2), Declic);
        var (member, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using var browser = member;
        var token = await browser.AntiforgeryTokenAsync($"/pro/reunions/{meeting}");
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using (coordinator)
        using (var done = await coordinator.PostFormAsync($"/pro/reunions/{meeting}/annuler", new Dictionary<string, string?>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        using var refused = await browser.PostRawAsync($"/pro/reunions/{meeting}?handler=Agenda", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Agenda.Title"] = "Un point envoyé trop tard",
        });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.NotNull(page.QuerySelector("#cancelled"));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AgendaItems.CountAsync(i => i.MeetingId == meeting, Cancellation)));
    }

    [Fact]
    public async Task ACancelledMeetingLeavesTheDashboardAndTheCalendarFeed()
    {
        var cancelledTitle = "Réunion annulée " + Guid.NewGuid();
        var keptTitle = "Réunion maintenue " + Guid.NewGuid();
        var cancelled = await app.AddMeetingAsync(cancelledTitle, DateTimeOffset.UtcNow.AddDays(1), Passerelle);
        var kept = await app.AddMeetingAsync(keptTitle, DateTimeOffset.UtcNow.AddDays(2), Passerelle);
        var person = await app.CreateProfessionalAsync(ProRole.Member, Passerelle);
        using var browser = await app.SignInAsync(person);
        var feed = await CreateFeedAsync(browser);
        using var calendarApp = app.NewBrowser();
        Assert.Contains(MeetingCalendar.Uid(cancelled), await calendarApp.GetStringAsync(new Uri(feed.PathAndQuery, UriKind.Relative), Cancellation), StringComparison.Ordinal);
        var home = await browser.GetPageAsync("/pro");
        Assert.NotNull(home.QuerySelector($"#dashboard-meeting a[href='/pro/reunions/{cancelled}']"));

        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using (coordinator)
        using (var done = await coordinator.PostFormAsync($"/pro/reunions/{cancelled}/annuler", new Dictionary<string, string?>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        var ics = await calendarApp.GetStringAsync(new Uri(feed.PathAndQuery, UriKind.Relative), Cancellation);
        var events = Calendar.Load(ics)!.Events;
        Assert.DoesNotContain(events, e => e.Uid == MeetingCalendar.Uid(cancelled));
        Assert.Contains(events, e => e.Uid == MeetingCalendar.Uid(kept));

        home = await browser.GetPageAsync("/pro");
        Assert.NotNull(home.QuerySelector($"#dashboard-meeting a[href='/pro/reunions/{kept}']"));
        Assert.DoesNotContain(cancelledTitle, home.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberWhoMayNotRunTheMeetingCannotCancelIt()
    {
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddDays(2), Declic);
        var (lead, _) = await app.SignInAsAsync(ProRole.Lead, Declic);
        using var browser = lead;

        var page = await browser.GetPageAsync($"/pro/reunions/{meeting}");
        Assert.Null(page.QuerySelector("#cancel-meeting"));
        using (var shown = await browser.GetAsync(new Uri($"/pro/reunions/{meeting}/annuler", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        }

        using (var refused = await browser.PostRawAsync($"/pro/reunions/{meeting}/annuler", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/pro/reunions/{meeting}"),
            ["Version"] = "2",
        }))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.Null(await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.CancelledAt).SingleAsync(Cancellation)));
    }

    [Fact]
    public async Task CancellingAMeetingThatHasStartedIsRefusedWithAClearMessage()
    {
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddMinutes(-10), Declic);
        var version = await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.Version).SingleAsync(Cancellation));
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;

        var details = await browser.GetPageAsync($"/pro/reunions/{meeting}");
        Assert.Null(details.QuerySelector("#cancel-meeting"));
        var confirm = await browser.GetPageAsync($"/pro/reunions/{meeting}/annuler");
        Assert.Null(confirm.QuerySelector("#confirm-cancel"));
        var said = confirm.QuerySelector("#cannot-cancel")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(said));

        using var refused = await browser.PostRawAsync($"/pro/reunions/{meeting}/annuler", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/pro/reunions/{meeting}"),
            ["Version"] = version.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.Equal(said, page.QuerySelector(".error-summary li")?.TextContent.Trim());
        Assert.Null(await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.CancelledAt).SingleAsync(Cancellation)));
    }

    [Fact]
    public async Task AConfirmationShownBeforeAnotherChangeIsRefusedAsStale()
    {
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddDays(5), Declic);
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;
        var confirm = await browser.GetPageAsync($"/pro/reunions/{meeting}/annuler");
        var token = confirm.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var stale = confirm.QuerySelector("input[name='Version']")!.GetAttribute("value")!;
        await app.AddAgendaItemAsync(meeting, "Un point ajouté entre-temps");

        using var refused = await browser.PostRawAsync($"/pro/reunions/{meeting}/annuler", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = stale,
        });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.NotEqual(stale, page.QuerySelector("input[name='Version']")?.GetAttribute("value"));
        Assert.Null(await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.CancelledAt).SingleAsync(Cancellation)));
    }

    private static async Task<Uri> CreateFeedAsync(HttpClient browser)
    {
        using var response = await browser.PostFormAsync("/pro/compte/agenda", new Dictionary<string, string?>(), "form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        return new Uri(page.QuerySelector("#feed-address")!.GetAttribute("value")!);
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

public sealed class CancellingAMeetingOnSqlite(SqliteSmtpCashApp fixture) : CancellingAMeetingTests(fixture), IClassFixture<SqliteSmtpCashApp>;

public sealed class CancellingAMeetingOnPostgres(PostgresSmtpCashApp fixture) : CancellingAMeetingTests(fixture), IClassFixture<PostgresSmtpCashApp>;
