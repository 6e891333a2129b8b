using System.Globalization;
using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Tasks;
using Cash.Web.Meetings;
using Cash.Web.Security.Encryption;
using Cash.Web.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Meetings (issue 11, item 4): the services invited see a meeting, the coordinators run every one,
/// nobody else finds it; an agenda item about a situation shows its content only to those the
/// situation's rule lets see it; a decision becomes a task once; forms keep what was typed.
/// </summary>
public abstract class RunningAMeetingTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";
    private const string Egalite = "egalite-des-chances";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInvitedServiceSeesTheMeetingAndAServiceNotInvitedFindsNothing()
    {
        var title = "Concertation " + Guid.NewGuid();
        var meeting = await app.AddMeetingAsync(title, DateTimeOffset.UtcNow.AddDays(3), Declic);

        var (member, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using (member)
        {
            var page = await member.GetPageAsync($"/pro/reunions/{meeting}");
            Assert.Equal(title, page.QuerySelector("h1")?.TextContent);
            Assert.Null(page.QuerySelector("a[href$='/modifier']"));
            var list = await member.GetPageAsync("/pro/reunions");
            Assert.NotNull(list.QuerySelector($"#upcoming tr[data-id='{meeting}']"));
        }

        var (other, _) = await app.SignInAsAsync(ProRole.Lead, Passerelle);
        using (other)
        {
            await AssertAnswersAsync(other, HttpStatusCode.NotFound, $"/pro/reunions/{meeting}");
            await AssertAnswersAsync(other, HttpStatusCode.NotFound, $"/pro/reunions/{meeting}/modifier");
            var list = await other.GetPageAsync("/pro/reunions");
            Assert.DoesNotContain(title, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
            using var adding = await other.PostRawAsync($"/pro/reunions/{meeting}?handler=Agenda", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await other.AntiforgeryTokenAsync("/pro/compte"),
                ["Agenda.Title"] = "Un point glissé",
            });
            Assert.Equal(HttpStatusCode.NotFound, adding.StatusCode);
        }

        var (administrator, _) = await app.SignInAsAsync(ProRole.Administrator);
        using (administrator)
        {
            await AssertAnswersAsync(administrator, HttpStatusCode.NotFound, $"/pro/reunions/{meeting}");
        }

        // A coordinator of a service that is not invited runs it.
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using (coordinator)
        {
            var page = await coordinator.GetPageAsync($"/pro/reunions/{meeting}");
            Assert.NotNull(page.QuerySelector($"a[href='/pro/reunions/{meeting}/modifier']"));
            await coordinator.GetPageAsync($"/pro/reunions/{meeting}/modifier");
        }

        Assert.Equal(0, await app.InDatabaseAsync(db => db.AgendaItems.CountAsync(i => i.MeetingId == meeting, Cancellation)));
    }

    [Fact]
    public async Task AnAgendaItemShowsItsSituationOnlyToThoseWhoMaySeeItAndItsReferenceToOthers()
    {
        var summary = "Harcèlement de L. en 5e B " + Guid.NewGuid();
        var situation = await app.NewSituation(Declic).Summary(summary).SaveAsync();
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddDays(1), Declic, Mediation);
        var notes = "L. ne veut plus aller en classe " + Guid.NewGuid();
        await app.AddAgendaItemAsync(meeting, "Point sur une situation", situation.Id, notes);

        var (involved, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using (involved)
        {
            var page = await involved.GetPageAsync($"/pro/reunions/{meeting}");
            var item = Assert.Single(page.QuerySelectorAll("li.agenda-item"));
            Assert.NotNull(item.QuerySelector($"a[href='/pro/situations/{situation.Id}']"));
            Assert.Equal(summary, item.QuerySelector(".situation-summary")?.TextContent);
            Assert.Equal(notes, item.QuerySelector(".agenda-notes")?.TextContent);
        }

        var (invitedOnly, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        foreach (var browser in new[] { invitedOnly, coordinator })
        {
            using (browser)
            {
                var page = await browser.GetPageAsync($"/pro/reunions/{meeting}");
                var html = page.DocumentElement.OuterHtml;
                var item = Assert.Single(page.QuerySelectorAll("li.agenda-item"));
                Assert.Contains(situation.Reference, item.TextContent, StringComparison.Ordinal);
                Assert.DoesNotContain(summary, html, StringComparison.Ordinal);
                Assert.DoesNotContain(notes, html, StringComparison.Ordinal);
                Assert.DoesNotContain(situation.Id.ToString(), html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AReferenceTheAuthorMayNotSeeIsRefusedLikeOneThatDoesNotExistAndWhatWasTypedIsKept()
    {
        var hidden = await app.NewSituation(Passerelle).SaveAsync();
        var own = await app.NewSituation(Declic).SaveAsync();
        var meeting = await app.AddMeetingAsync("Réunion du réseau", DateTimeOffset.UtcNow.AddDays(2), Declic, Passerelle);
        var (member, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using var browser = member;
        var url = $"/pro/reunions/{meeting}";

        var messages = new List<string>();
        foreach (var reference in new[] { hidden.Reference, "S-2222-22" })
        {
            var notes = "Notes à garder " + Guid.NewGuid();
            using var refused = await browser.PostFormAsync(url, new Dictionary<string, string?>
            {
                ["Agenda.Title"] = "Point à ajouter",
                ["Agenda.Situation"] = reference,
                ["Agenda.Notes"] = notes,
            }, "form[action*='handler=Agenda']");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ReadPageAsync();
            Assert.NotNull(page.QuerySelector(".error-summary a[href='#Agenda_Situation']"));
            Assert.Equal("Point à ajouter", page.QuerySelector("#Agenda_Title")?.GetAttribute("value"));
            Assert.Equal(reference, page.QuerySelector("#Agenda_Situation")?.GetAttribute("value"));
            Assert.Equal(notes, page.QuerySelector("#Agenda_Notes")?.TextContent.Trim());
            messages.Add(page.QuerySelector(".error-summary a[href='#Agenda_Situation']")!.TextContent);
        }

        Assert.Equal(messages[0], messages[1]);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AgendaItems.CountAsync(i => i.MeetingId == meeting, Cancellation)));

        using (var added = await browser.PostFormAsync(url, new Dictionary<string, string?>
        {
            ["Agenda.Title"] = "Point sur notre situation",
            ["Agenda.Situation"] = own.Reference.ToLowerInvariant(),
            ["Agenda.Notes"] = "Notes chiffrées",
        }, "form[action*='handler=Agenda']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var item = await app.InDatabaseAsync(db => db.AgendaItems.AsNoTracking().SingleAsync(i => i.MeetingId == meeting, Cancellation));
        Assert.Equal(own.Id, item.SituationId);
        Assert.DoesNotContain("Notes chiffrées", Encoding.UTF8.GetString(item.Notes!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADecisionBecomesATaskOnceWithItsTextAsTheEncryptedTitle()
    {
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddHours(-1), Declic, Mediation);
        var due = Brussels.DayOf(DateTimeOffset.UtcNow).AddDays(10);
        var text = "Rencontrer la classe de 5e B " + Guid.NewGuid();
        var decision = await app.AddDecisionAsync(meeting, Mediation, text, due);
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;
        var url = $"/pro/reunions/{meeting}";
        var token = await browser.AntiforgeryTokenAsync(url);

        using (var first = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["decision"] = decision.ToString() }, "form[action*='handler=Task']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The same button sent again (a double click, an old tab).
        using (var again = await browser.PostRawAsync($"{url}?handler=Task", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["decision"] = decision.ToString(),
        }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var tasks = await app.InDatabaseAsync(db => db.WorkTasks.AsNoTracking().Where(t => t.MeetingId == meeting).ToListAsync(Cancellation));
        var task = Assert.Single(tasks);
        var mediation = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == Mediation).Select(s => s.Id).SingleAsync(Cancellation));
        Assert.Equal(mediation, task.ServiceId);
        Assert.Equal(due, task.DueOn);
        Assert.Null(task.SituationId);
        Assert.Equal(WorkTaskStatus.ToDo, task.Status);
        Assert.DoesNotContain(text, Encoding.UTF8.GetString(task.Title!), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(text, await scope.ServiceProvider.GetRequiredService<FieldCipher>().DecryptAsync(task.Title!, TaskColumns.Title(task), Cancellation));
        }

        var stored = await app.InDatabaseAsync(db => db.MeetingDecisions.AsNoTracking().SingleAsync(d => d.Id == decision, Cancellation));
        Assert.Equal(task.Id, stored.TaskId);
        var page = await browser.GetPageAsync(url);
        Assert.Null(page.QuerySelector("form[action*='handler=Task']"));
    }

    [Fact]
    public async Task AMemberOfAnInvitedServiceCannotRunTheMeeting()
    {
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddHours(-1), Declic);
        var decision = await app.AddDecisionAsync(meeting, Declic, "Appeler l'école");
        var (member, _) = await app.SignInAsAsync(ProRole.Lead, Declic);
        using var browser = member;
        var token = await browser.AntiforgeryTokenAsync($"/pro/reunions/{meeting}");
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Task", new() { ["decision"] = decision.ToString() }),
            ("Decision", new() { ["Decision.Text"] = "Une décision", ["Decision.Service"] = "1" }),
            ("Attendance", new() { ["Attendance.Version"] = "1" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            using var response = await browser.PostRawAsync($"/pro/reunions/{meeting}?handler={handler}", fields);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        await AssertAnswersAsync(browser, HttpStatusCode.NotFound, $"/pro/reunions/{meeting}/compte-rendu");
        await AssertAnswersAsync(browser, HttpStatusCode.NotFound, "/pro/reunions/nouvelle");
        Assert.Equal(0, await app.InDatabaseAsync(db => db.WorkTasks.CountAsync(t => t.MeetingId == meeting, Cancellation)));
    }

    [Fact]
    public async Task AMeetingFormWithMistakesComesBackWithEverythingTypedAndNothingSaved()
    {
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;
        var title = "Réunion du réseau " + Guid.NewGuid();
        var declic = await ServiceIdAsync(Declic);
        using var response = await browser.PostFormAsync("/pro/reunions/nouvelle", new Dictionary<string, string?>
        {
            ["Input.Kind"] = nameof(MeetingKind.NetworkMeeting),
            ["Input.Title"] = title,
            ["Input.Day"] = "2027-03-18",
            ["Input.Start"] = "14:00",
            ["Input.End"] = "13:00",
            ["Input.Place"] = "Maison de la culture",
            ["Input.VideoLink"] = "javascript:alert(1)",
            ["Input.Services"] = declic,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        var errors = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#Input_End", errors);
        Assert.Contains("#Input_VideoLink", errors);
        Assert.Equal(title, page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        Assert.Equal("2027-03-18", page.QuerySelector("#Input_Day")?.GetAttribute("value"));
        Assert.Equal("13:00", page.QuerySelector("#Input_End")?.GetAttribute("value"));
        Assert.Equal("Maison de la culture", page.QuerySelector("#Input_Place")?.GetAttribute("value"));
        Assert.Equal("javascript:alert(1)", page.QuerySelector("#Input_VideoLink")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"input[name='Input.Services'][value='{declic}'][checked]"));
        Assert.NotNull(page.QuerySelector($"input[name='Input.Kind'][value='{nameof(MeetingKind.NetworkMeeting)}'][checked]"));
        Assert.False(await app.InDatabaseAsync(db => db.Meetings.AnyAsync(m => m.Title == title, Cancellation)));
    }

    [Fact]
    public async Task ACoordinatorPlansAMeetingInBrusselsTimeAndItsNextOne()
    {
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;
        var title = "Réunion du réseau " + Guid.NewGuid();
        using (var created = await browser.PostFormAsync("/pro/reunions/nouvelle", new Dictionary<string, string?>
        {
            ["Input.Kind"] = nameof(MeetingKind.NetworkMeeting),
            ["Input.Title"] = title,
            ["Input.Day"] = "2027-07-01",
            ["Input.Start"] = "09:30",
            ["Input.End"] = "11:00",
            ["Input.VideoLink"] = "https://visio.example.be/cash",
            ["Input.Services"] = await ServiceIdAsync(Declic),
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var meeting = await app.InDatabaseAsync(db => db.Meetings.AsNoTracking().Include(m => m.Services).SingleAsync(m => m.Title == title, Cancellation));
        // 1 July: summer time in Brussels, UTC+2.
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 7, 30, 0, TimeSpan.Zero), meeting.StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 9, 0, 0, TimeSpan.Zero), meeting.EndsAt);
        Assert.Equal("https://visio.example.be/cash", meeting.VideoLink);
        Assert.Single(meeting.Services);

        var nextTitle = "Réunion suivante " + Guid.NewGuid();
        using (var next = await browser.PostFormAsync($"/pro/reunions/nouvelle?apres={meeting.Id}", new Dictionary<string, string?>
        {
            ["Input.Title"] = nextTitle,
            ["Input.Day"] = "2027-09-02",
            ["Input.Start"] = "09:30",
            ["Input.End"] = "11:00",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        var nextId = await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Title == nextTitle).Select(m => m.Id).SingleAsync(Cancellation));
        Assert.Equal(nextId, await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.NextMeetingId).SingleAsync(Cancellation)));
        var page = await browser.GetPageAsync($"/pro/reunions/{meeting.Id}");
        Assert.NotNull(page.QuerySelector($"#next-meeting a[href='/pro/reunions/{nextId}']"));
    }

    [Fact]
    public async Task MinutesAreWrittenOnceTheMeetingHasStartedEncryptedAndShownInert()
    {
        var upcoming = await app.AddMeetingAsync("À venir", DateTimeOffset.UtcNow.AddDays(1), Declic);
        var started = await app.AddMeetingAsync("Commencée", DateTimeOffset.UtcNow.AddMinutes(-5), Declic);
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;

        var early = await browser.GetPageAsync($"/pro/reunions/{upcoming}/compte-rendu");
        Assert.Null(early.QuerySelector("#Input_Text"));
        using (var refused = await browser.PostRawAsync($"/pro/reunions/{upcoming}/compte-rendu", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/pro/reunions/{upcoming}"),
            ["Input.Text"] = "Trop tôt",
            ["Input.Version"] = "1",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        Assert.Null(await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == upcoming).Select(m => m.Minutes).SingleAsync(Cancellation)));

        var secret = "Le papa de K. " + Guid.NewGuid();
        using (var written = await browser.PostFormAsync($"/pro/reunions/{started}/compte-rendu", new Dictionary<string, string?>
        {
            ["Input.Text"] = $"# Présents\n\n- {secret}\n\n<script>alert(1)</script>\n\n[clic](javascript:alert(2))",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        }

        var stored = await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == started).Select(m => m.Minutes).SingleAsync(Cancellation));
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(stored!), StringComparison.Ordinal);
        var page = await browser.GetPageAsync($"/pro/reunions/{started}");
        var minutes = page.QuerySelector("#minutes")!;
        Assert.Equal("Présents", minutes.QuerySelector("h1")?.TextContent);
        Assert.Equal(secret, minutes.QuerySelector("li")?.TextContent);
        Assert.Null(minutes.QuerySelector("script"));
        Assert.DoesNotContain("javascript:", minutes.InnerHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnEditAgainstAnOlderVersionIsRefusedWithWhatWasTypedKept()
    {
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddDays(4), Declic);
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;
        var stale = await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.Version).SingleAsync(Cancellation));
        await app.AddAgendaItemAsync(meeting, "Un point ajouté entre-temps");

        using var response = await browser.PostFormAsync($"/pro/reunions/{meeting}/modifier", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Nouveau titre",
            ["Input.Version"] = stale.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal("Nouveau titre", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.Equal("Concertation", await app.InDatabaseAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.Title).SingleAsync(Cancellation)));
    }

    [Fact]
    public async Task AttendanceIsRecordedPerInvitedServiceOnceTheMeetingHasStarted()
    {
        var meeting = await app.AddMeetingAsync("Concertation", DateTimeOffset.UtcNow.AddMinutes(-30), Declic, Mediation);
        var (declic, mediation) = (await ServiceIdAsync(Declic), await ServiceIdAsync(Mediation));
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Egalite);
        using var browser = coordinator;
        using (var saved = await browser.PostFormAsync($"/pro/reunions/{meeting}", new Dictionary<string, string?>
        {
            [$"Attendance.Of[{declic}]"] = nameof(Attendance.Present),
            [$"Attendance.Of[{mediation}]"] = nameof(Attendance.Excused),
        }, "form[action*='handler=Attendance']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var services = await app.InDatabaseAsync(db => db.MeetingServices.AsNoTracking().Where(s => s.MeetingId == meeting).ToListAsync(Cancellation));
        Assert.Equal(Attendance.Present, services.Single(s => s.PartnerServiceId.ToString(CultureInfo.InvariantCulture) == declic).Attendance);
        Assert.Equal(Attendance.Excused, services.Single(s => s.PartnerServiceId.ToString(CultureInfo.InvariantCulture) == mediation).Attendance);
    }

    private Task<string> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id.ToString()).SingleAsync(Cancellation));

    private static async Task AssertAnswersAsync(HttpClient browser, HttpStatusCode expected, string url)
    {
        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class RunningAMeetingOnSqlite(SqliteCashApp app) : RunningAMeetingTests(app), IClassFixture<SqliteCashApp>;

public sealed class RunningAMeetingOnPostgres(PostgresCashApp app) : RunningAMeetingTests(app), IClassFixture<PostgresCashApp>;
