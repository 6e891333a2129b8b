using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Tasks;
using Cash.Web.Meetings;
using Cash.Web.Security.Encryption;
using Cash.Web.Tasks;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// The personal calendar feed (issue 11, item 4): a secret address made, shown once and revoked at
/// <c>/pro/compte/agenda</c>, fetched without a cookie at <c>/agenda/{token}.ics</c>; it holds the
/// meetings of the person's service and the due days of their open tasks under a generic summary,
/// never a task's title nor a situation's text; only a keyed hash of the token is stored.
/// </summary>
public abstract class FollowingMeetingsInMyCalendarTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Passerelle = "la-passerelle";
    private const string CalendarPage = "/pro/compte/agenda";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheFeedHoldsMyServicesMeetingsAndMyDueDaysButNoTaskTitleOrSituationText()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        var summary = "Résumé confidentiel " + Guid.NewGuid();
        var situation = await app.NewSituation(Declic).Summary(summary).SaveAsync();
        var ours = await app.AddMeetingAsync("Réunion du réseau " + Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(5), Declic);
        var theirs = await app.AddMeetingAsync("Réunion d'un autre service", DateTimeOffset.UtcNow.AddDays(5), Passerelle);
        var due = Brussels.DayOf(DateTimeOffset.UtcNow).AddDays(3);
        var withSituation = "Appeler la maman de Zoé " + Guid.NewGuid();
        var onItsOwn = "Préparer la formation " + Guid.NewGuid();
        await AddTaskAsync(person, withSituation, due, situation.Id);
        await AddTaskAsync(person, onItsOwn, due.AddDays(1), null);
        await AddTaskAsync(person, "Tâche sans échéance", null, null);
        var soon = Brussels.DayOf(DateTimeOffset.UtcNow).AddDays(4);
        var plan = "Atelier avec la classe de Zoé " + Guid.NewGuid();
        var confirmed = await app.NewIntervention(Passerelle).On(soon, new(9, 0), new(11, 0)).For(situation.Id).Plan(plan)
            .With(Declic, Cash.Web.Domain.Interventions.ParticipationStatus.Confirmed).SaveAsync();
        var declined = await app.NewIntervention(Passerelle).On(soon, new(13, 0), new(15, 0))
            .With(Declic, Cash.Web.Domain.Interventions.ParticipationStatus.Declined).SaveAsync();

        using var browser = await app.SignInAsync(person);
        var address = await CreateFeedAsync(browser);
        using var calendarApp = app.NewBrowser();
        using var response = await calendarApp.GetAsync(new Uri(address.PathAndQuery, UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var ics = await response.Content.ReadAsStringAsync(Cancellation);
        var calendar = Calendar.Load(ics)!;

        Assert.Contains(calendar.Events, e => e.Uid == MeetingCalendar.Uid(ours));
        Assert.DoesNotContain(calendar.Events, e => e.Uid == MeetingCalendar.Uid(theirs));
        var dueDays = calendar.Events.Where(e => e.Uid!.StartsWith("task-", StringComparison.Ordinal)).OrderBy(e => e.Start!.Date).ToList();
        Assert.Equal(2, dueDays.Count);
        Assert.Equal($"{TaskFeedSource.Summary} — {situation.Reference}", dueDays[0].Summary);
        Assert.Equal(TaskFeedSource.Summary, dueDays[1].Summary);
        Assert.Equal(due, DateOnly.FromDateTime(dueDays[0].Start!.Value));
        Assert.False(dueDays[0].Start!.HasTime);
        var intervention = Assert.Single(calendar.Events, e => e.Uid!.StartsWith("intervention-", StringComparison.Ordinal));
        Assert.Equal($"intervention-{confirmed.Id:D}@cash-mouscron", intervention.Uid);
        Assert.Equal($"{Cash.Web.Interventions.InterventionFeedSource.Summary} — {situation.Reference}", intervention.Summary);
        Assert.True(intervention.Start!.HasTime);
        Assert.DoesNotContain(declined.Id.ToString(), ics, StringComparison.Ordinal);
        Assert.DoesNotContain(plan, ics, StringComparison.Ordinal);
        Assert.DoesNotContain("3e B", ics, StringComparison.Ordinal);
        Assert.DoesNotContain(withSituation, ics, StringComparison.Ordinal);
        Assert.DoesNotContain(onItsOwn, ics, StringComparison.Ordinal);
        Assert.DoesNotContain(summary, ics, StringComparison.Ordinal);
        Assert.DoesNotContain(situation.Id.ToString(), ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedOrReplacedAddressAnswers404AndTheTokenIsNotStoredInClear()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        using var browser = await app.SignInAsync(person);
        var first = await CreateFeedAsync(browser);
        var token = first.AbsolutePath["/agenda/".Length..^".ics".Length];
        using var calendarApp = app.NewBrowser();
        await AssertAnswersAsync(calendarApp, HttpStatusCode.OK, first.AbsolutePath);

        // Only a keyed hash is kept: nothing in the row is the token or a part of it.
        var feed = await app.InDatabaseAsync(db => db.CalendarFeeds.AsNoTracking().SingleAsync(f => f.ProfessionalId == person.Id, Cancellation));
        var tokenBytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
        Assert.Equal(32, feed.TokenHash.Length);
        Assert.False(tokenBytes.AsSpan(16).SequenceEqual(feed.TokenHash), "The secret itself is stored.");
        Assert.DoesNotContain(Encoding.ASCII.GetString(feed.TokenHash), token, StringComparison.Ordinal);

        // A new address replaces the first, which no longer opens anything.
        var second = await CreateFeedAsync(browser);
        Assert.NotEqual(first, second);
        await AssertAnswersAsync(calendarApp, HttpStatusCode.NotFound, first.AbsolutePath);
        await AssertAnswersAsync(calendarApp, HttpStatusCode.OK, second.AbsolutePath);

        using (var revoked = await browser.PostFormAsync(CalendarPage, new Dictionary<string, string?>(), "form[action*='handler=Revoke']"))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        await AssertAnswersAsync(calendarApp, HttpStatusCode.NotFound, second.AbsolutePath);

        // Unknown, altered or malformed tokens answer the same.
        var altered = second.AbsolutePath[..^5] + (second.AbsolutePath[^5] == 'A' ? 'B' : 'A') + ".ics";
        await AssertAnswersAsync(calendarApp, HttpStatusCode.NotFound, altered);
        await AssertAnswersAsync(calendarApp, HttpStatusCode.NotFound, "/agenda/nimportequoi.ics");
        Assert.Equal(2, await app.InDatabaseAsync(db => db.CalendarFeeds.CountAsync(f => f.ProfessionalId == person.Id && f.RevokedAt != null, Cancellation)));
    }

    [Fact]
    public async Task SigningOutEverywhereRevokesTheAddressToo()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        using var browser = await app.SignInAsync(person);
        var address = await CreateFeedAsync(browser);
        using var calendarApp = app.NewBrowser();
        await AssertAnswersAsync(calendarApp, HttpStatusCode.OK, address.AbsolutePath);

        using (var everywhere = await browser.PostFormAsync("/pro/compte", new Dictionary<string, string?>(), "form[action*='handler=SignOutEverywhere']"))
        {
            Assert.True(everywhere.IsSuccessStatusCode || (int)everywhere.StatusCode is >= 300 and < 400, $"Signing out everywhere answered {everywhere.StatusCode}.");
        }

        await AssertAnswersAsync(calendarApp, HttpStatusCode.NotFound, address.AbsolutePath);
    }

    [Fact]
    public async Task AFeedRowMovedToAnotherPersonOpensNothing()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        var other = await app.CreateProfessionalAsync(ProRole.Member, Passerelle);
        using var browser = await app.SignInAsync(person);
        var address = await CreateFeedAsync(browser);
        await app.InDatabaseAsync(async db =>
        {
            // Someone with write access to the database points the row at another person.
            var feed = await db.CalendarFeeds.SingleAsync(f => f.ProfessionalId == person.Id, Cancellation);
            db.Entry(feed).Property(f => f.ProfessionalId).CurrentValue = other.Id;
            await db.SaveChangesAsync(Cancellation);
        });

        using var calendarApp = app.NewBrowser();
        await AssertAnswersAsync(calendarApp, HttpStatusCode.NotFound, address.AbsolutePath);
    }

    [Fact]
    public async Task OneClientFetchingTooOftenIsRefusedAndItsNeighbourNetworkIsNot()
    {
        await using var strict = app.Using(new AppSettings("RateLimits:CalendarFeedRequestsPerClientPerHour", "2"));
        using var calendarApp = strict.NewBrowser();
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Guesses from one /64: one client, however many addresses it uses.
            calendarApp.From($"2001:db8:7:1::{attempt + 10}");
            using var response = await calendarApp.GetAsync(new Uri($"/agenda/devine{attempt}.ics", UriKind.Relative), Cancellation);
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers);
        using var neighbour = strict.NewBrowser().From("2001:db8:7:2::10");
        await AssertAnswersAsync(neighbour, HttpStatusCode.NotFound, "/agenda/devine.ics");
    }

    private static async Task<Uri> CreateFeedAsync(HttpClient browser)
    {
        using var response = await browser.PostFormAsync(CalendarPage, new Dictionary<string, string?>(), "form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        var value = page.QuerySelector("#feed-address")?.GetAttribute("value");
        Assert.NotNull(value);
        var address = new Uri(value);
        Assert.StartsWith("/agenda/", address.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith(".ics", address.AbsolutePath, StringComparison.Ordinal);

        // Shown once: the page opened again does not show it.
        var again = await browser.GetPageAsync(CalendarPage);
        Assert.Null(again.QuerySelector("#feed-address"));
        Assert.DoesNotContain(address.AbsolutePath, again.DocumentElement.OuterHtml, StringComparison.Ordinal);
        return address;
    }

    private async Task AddTaskAsync(TestProfessional person, string title, DateOnly? due, Guid? situationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Cash.Web.Data.CashDbContext>();
        var id = Guid.CreateVersion7();
        var sealedTitle = await scope.ServiceProvider.GetRequiredService<FieldCipher>().EncryptAsync(title, TaskColumns.Title(id, person.PartnerServiceId!.Value, situationId), Cancellation);
        db.WorkTasks.Add(new WorkTask(id, sealedTitle, person.PartnerServiceId!.Value, person.Id, due, situationId, null, person.Id, person.PartnerServiceId, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Cancellation);
    }

    private static async Task AssertAnswersAsync(HttpClient browser, HttpStatusCode expected, string url)
    {
        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class FollowingMeetingsInMyCalendarOnSqlite(SqliteCashApp app) : FollowingMeetingsInMyCalendarTests(app), IClassFixture<SqliteCashApp>;

public sealed class FollowingMeetingsInMyCalendarOnPostgres(PostgresCashApp app) : FollowingMeetingsInMyCalendarTests(app), IClassFixture<PostgresCashApp>;
