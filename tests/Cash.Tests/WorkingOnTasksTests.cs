using System.Globalization;
using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Domain.Tasks;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Tasks (issue 11, item 1): created on their own or on a situation, due on a date or within working
/// days, listed overdue first, marked done, cancelled with a reason or planned again against their
/// version; a task's title is encrypted, read only by the services that may see its situation, audited
/// when shown, and forgotten with its situation.
/// </summary>
public abstract class WorkingOnTasksTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Passerelle = "la-passerelle";
    private const string Mediation = "mediation-scolaire";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly Today() => Brussels.DayOf(DateTimeOffset.UtcNow);

    [Fact]
    public void WithinTwoWorkingDaysFromTheFridayBeforeEasterMonday2027IsWednesday31March()
    {
        // Easter Monday 2027 is 29 March: Saturday, Sunday and the holiday do not count.
        Assert.Equal(new DateOnly(2027, 3, 31), WorkTask.DueAfterWorkingDays(new DateOnly(2027, 3, 26), 2));
        Assert.Equal(new DateOnly(2027, 3, 30), WorkTask.DueAfterWorkingDays(new DateOnly(2027, 3, 26), 1));
        Assert.Equal(new DateOnly(2027, 3, 26), WorkTask.DueAfterWorkingDays(new DateOnly(2027, 3, 26), 0));
    }

    [Fact]
    public async Task ATaskWithinWorkingDaysIsSavedEncryptedAndShownBackWithItsDate()
    {
        var title = "Appeler la directrice pour A. B. " + Guid.NewGuid();
        var (browser, me) = await app.SignInAsAsync(ProRole.Member, Declic);
        using (browser)
        {
            var declic = me.PartnerServiceId!.Value;
            using var created = await browser.PostFormAsync("/pro/taches/nouvelle", new Dictionary<string, string?>
            {
                ["Input.Title"] = title,
                ["Input.ServiceId"] = declic.ToString(CultureInfo.InvariantCulture),
                ["Input.AssigneeId"] = me.Id.ToString(),
                ["Input.Due"] = "WorkingDays",
                ["Input.WorkingDays"] = "2",
            });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var location = created.Headers.Location!.OriginalString;
            Assert.StartsWith("/pro/taches/", location, StringComparison.Ordinal);

            var stored = await app.InDatabaseAsync(db => db.WorkTasks.AsNoTracking().SingleAsync(t => t.CreatedBy == me.Id, Cancellation));
            var due = WorkTask.DueAfterWorkingDays(Today(), 2);
            Assert.Equal(due, stored.DueOn);
            Assert.Equal((declic, me.Id, (int?)declic, WorkTaskStatus.ToDo), (stored.ServiceId, stored.AssigneeId!.Value, stored.CreatedByServiceId, stored.Status));
            Assert.False(Contains(stored.Title!, Encoding.UTF8.GetBytes(title)), "The title is stored in clear.");

            var page = await browser.GetPageAsync(location);
            Assert.Equal(title, page.QuerySelector("#task-title")?.TextContent.Trim());
            Assert.Contains(due.ToString("D", CultureInfo.GetCultureInfo("fr-BE")), page.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);
            Assert.True(await ReadsOfAsync(stored.Id) >= 1, "Showing the title is a read in the audit trail.");

            // In "my tasks".
            var list = await browser.GetPageAsync("/pro/taches");
            Assert.NotNull(list.QuerySelector($"#open-tasks tr[data-task='{stored.Id}']"));
        }
    }

    [Fact]
    public async Task BadInputSaysWhatIsWrongKeepsEverythingTypedAndSavesNothing()
    {
        var title = "Préparer la rencontre " + Guid.NewGuid();
        var (browser, me) = await app.SignInAsAsync(ProRole.Member, Declic);
        using (browser)
        {
            using var refused = await browser.PostFormAsync("/pro/taches/nouvelle", new Dictionary<string, string?>
            {
                ["Input.Title"] = title,
                ["Input.ServiceId"] = "",
                ["Input.Due"] = "WorkingDays",
                ["Input.WorkingDays"] = "99",
            });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ReadPageAsync();
            Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
            Assert.Equal(title, page.QuerySelector("#Input_Title")?.GetAttribute("value"));
            Assert.Equal("99", page.QuerySelector("#Input_WorkingDays")?.GetAttribute("value"));
            Assert.NotNull(page.QuerySelector("#Input_Due-WorkingDays[checked]"));
            Assert.NotNull(page.QuerySelector("#Input_ServiceId-error"));
            Assert.NotNull(page.QuerySelector("#Input_WorkingDays-error"));

            // A date in the past, and a service that is not offered.
            using var past = await browser.PostFormAsync("/pro/taches/nouvelle", new Dictionary<string, string?>
            {
                ["Input.Title"] = title,
                ["Input.ServiceId"] = "999999",
                ["Input.Due"] = "Date",
                ["Input.DueOn"] = Today().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            var again = await past.ReadPageAsync();
            Assert.NotNull(again.QuerySelector("#Input_DueOn-error"));
            Assert.NotNull(again.QuerySelector("#Input_ServiceId-error"));
            Assert.Equal(Today().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), again.QuerySelector("#Input_DueOn")?.GetAttribute("value"));
        }

        Assert.False(await app.InDatabaseAsync(db => db.WorkTasks.AnyAsync(t => t.CreatedBy == me.Id, Cancellation)));
    }

    [Fact]
    public async Task ASituationTaskGoesOnlyToAServiceInvolvedInItAndOnlyThoseWhoContributeMayCreateOne()
    {
        var situation = await app.NewSituation(Declic).Involving(Mediation).SaveAsync();
        var passerelle = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == Passerelle).Select(s => s.Id).SingleAsync(Cancellation));
        var mediation = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == Mediation).Select(s => s.Id).SingleAsync(Cancellation));
        using var lead = await app.SignInAsync(situation.Opener);
        var url = $"/pro/taches/nouvelle?situation={situation.Id}";

        var form = await lead.GetPageAsync(url);
        var offered = form.QuerySelectorAll("#Input_ServiceId option").Select(o => o.GetAttribute("value")).Where(v => v!.Length > 0).ToList();
        Assert.Equal([situation.LeadServiceId.ToString(CultureInfo.InvariantCulture), mediation.ToString(CultureInfo.InvariantCulture)], offered);

        using (var elsewhere = await lead.PostFormAsync(url, new Dictionary<string, string?>
        {
            ["Input.Title"] = "Pour un service qui n'y est pas",
            ["Input.ServiceId"] = passerelle.ToString(CultureInfo.InvariantCulture),
            ["Input.Due"] = "WorkingDays",
            ["Input.WorkingDays"] = "3",
        }))
        {
            Assert.NotNull((await elsewhere.ReadPageAsync()).QuerySelector("#Input_ServiceId-error"));
        }

        using (var created = await lead.PostFormAsync(url, new Dictionary<string, string?>
        {
            ["Input.Title"] = "Rencontrer la classe avec la médiation",
            ["Input.ServiceId"] = mediation.ToString(CultureInfo.InvariantCulture),
            ["Input.Due"] = "WorkingDays",
            ["Input.WorkingDays"] = "3",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var task = await app.InDatabaseAsync(db => db.WorkTasks.AsNoTracking().SingleAsync(t => t.SituationId == situation.Id, Cancellation));
        Assert.Equal(mediation, task.ServiceId);

        // The situation's page lists it, with the way to add another.
        var details = await lead.GetPageAsync($"/pro/situations/{situation.Id}");
        Assert.Contains("Rencontrer la classe avec la médiation", details.QuerySelector($"#tasks li[data-task='{task.Id}']")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(details.QuerySelector($"#situation-tasks a[href='{url}']"));

        // A service not involved may not create one there.
        var (other, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        using (other)
        {
            using var refused = await other.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    [Fact]
    public async Task AServiceNotInvolvedInTheSituationSeesOnlyThatATaskExistsOnItsReference()
    {
        var title = "Rappeler la maman de C. D. " + Guid.NewGuid();
        var passerelleMember = await app.CreateProfessionalAsync(ProRole.Member, Passerelle);
        var situation = await app.NewSituation(Declic).SaveAsync();

        // Created by La Passerelle (since left, or never in): given to Le Déclic.
        var id = await app.AddTaskAsync(title, Declic, passerelleMember, situation.Id, dueOn: Today().AddDays(-1));
        using var browser = await app.SignInAsync(passerelleMember);

        var page = await browser.GetPageAsync($"/pro/taches/{id}");
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain(title, html, StringComparison.Ordinal);
        Assert.Contains(situation.Reference, page.QuerySelector("#task-title")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Done']"));
        Assert.Null(page.QuerySelector($"a[href='/pro/situations/{situation.Id}']"));

        var list = await browser.GetPageAsync("/pro/taches?vue=service");
        var row = list.QuerySelector($"tr[data-task='{id}']");
        Assert.NotNull(row);
        Assert.DoesNotContain(title, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains(situation.Reference, row.TextContent, StringComparison.Ordinal);

        using (var done = await browser.PostRawAsync($"/pro/taches/{id}?handler=Done", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync("/pro/compte"),
            ["Done.Version"] = "0",
        }))
        {
            Assert.Equal(HttpStatusCode.NotFound, done.StatusCode);
        }

        Assert.Equal(WorkTaskStatus.ToDo, (await app.LoadTaskAsync(id)).Status);
        Assert.Equal(0, await ReadsOfAsync(id));

        // Le Déclic, involved, reads it; a service with nothing to do with it does not know it exists.
        using var lead = await app.SignInAsync(situation.Opener);
        Assert.Equal(title, (await lead.GetPageAsync($"/pro/taches/{id}")).QuerySelector("#task-title")?.TextContent.Trim());
        var (stranger, _) = await app.SignInAsAsync(ProRole.Lead, Mediation);
        using (stranger)
        {
            using var hidden = await stranger.GetAsync(new Uri($"/pro/taches/{id}", UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
    }

    [Fact]
    public async Task MyTasksComeOverdueFirstThenByDueDayAndClosedOnesApart()
    {
        var me = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        var later = await app.AddTaskAsync("Plus tard", Declic, me, assigneeId: me.Id, dueOn: Today().AddDays(20));
        var overdue = await app.AddTaskAsync("En retard", Declic, me, assigneeId: me.Id, dueOn: Today().AddDays(-3));
        var soon = await app.AddTaskAsync("Bientôt", Declic, me, assigneeId: me.Id, dueOn: Today().AddDays(2));
        var done = await app.AddTaskAsync("Déjà faite", Declic, me, assigneeId: me.Id, dueOn: Today().AddDays(-5), then: t => t.MarkDone(me.Id, DateTimeOffset.UtcNow));
        using var browser = await app.SignInAsync(me);

        var page = await browser.GetPageAsync("/pro/taches");
        var open = page.QuerySelectorAll("#open-tasks tbody tr").Select(r => Guid.Parse(r.GetAttribute("data-task")!)).ToList();
        Assert.Equal([overdue, soon, later], open.Where(id => id == overdue || id == soon || id == later));
        Assert.Equal("true", page.QuerySelector($"tr[data-task='{overdue}']")?.GetAttribute("data-overdue"));
        Assert.Equal("false", page.QuerySelector($"tr[data-task='{soon}']")?.GetAttribute("data-overdue"));
        Assert.NotNull(page.QuerySelector($"#closed-tasks tr[data-task='{done}']"));
        Assert.DoesNotContain(done, open);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Cash.Web.Data.CashDbContext>();
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new(System.Security.Claims.ClaimTypes.NameIdentifier, me.Id.ToString()),
            new(System.Security.Claims.ClaimTypes.Role, nameof(ProRole.Member)),
            new(Cash.Web.Authorization.CashClaims.Service, me.PartnerServiceId!.Value.ToString(CultureInfo.InvariantCulture)),
        ], "test"));
        // The dashboard's count agrees with the list (other tests leave overdue tasks to the whole service too).
        var overdueListed = page.QuerySelectorAll("#open-tasks tr[data-overdue='true']").Length;
        Assert.True(overdueListed >= 1);
        Assert.Equal(overdueListed, await Cash.Web.Tasks.TaskList.CountMyOverdueAsync(db, user, Today(), Cancellation));
    }

    [Fact]
    public async Task TheLaterOfTwoChangesIsRefusedWithTheTaskAsItIsNow()
    {
        var me = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        var id = await app.AddTaskAsync("Envoyer le rapport", Declic, me, dueOn: Today().AddDays(5));
        using var first = await app.SignInAsync(me);
        var (second, _) = await app.SignInAsAsync(ProRole.Lead, Declic);
        using (second)
        {
            var url = $"/pro/taches/{id}";
            var shownToSecond = await second.GetPageAsync(url);
            var version = shownToSecond.QuerySelector("input[name='Cancelling.Version']")!.GetAttribute("value");

            using (var done = await first.PostFormAsync(url, new Dictionary<string, string?>(), formSelector: "form[action*='handler=Done']"))
            {
                ProfessionalSessions.AssertRedirect(done, url, "marking it done");
            }

            var reason = "Plus nécessaire " + Guid.NewGuid();
            using var late = await second.PostRawAsync($"{url}?handler=Cancel", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = shownToSecond.QuerySelector("form[action*='handler=Cancel'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
                ["Cancelling.Version"] = version!,
                ["Cancelling.Reason"] = reason,
            });
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            var page = await late.ReadPageAsync();
            Assert.Contains("entre-temps", page.QuerySelector(".error-summary")?.TextContent, StringComparison.Ordinal);
            Assert.Contains("Faite", page.QuerySelector("#task-status")?.TextContent, StringComparison.Ordinal);
        }

        var stored = await app.LoadTaskAsync(id);
        Assert.Equal(WorkTaskStatus.Done, stored.Status);
        Assert.Null(stored.CancelReason);
    }

    [Fact]
    public async Task CancellingNeedsAReasonAndPlanningAgainMovesTheDueDay()
    {
        var me = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        var id = await app.AddTaskAsync("Voir l'éducatrice", Declic, me, dueOn: Today().AddDays(1));
        using var browser = await app.SignInAsync(me);
        var url = $"/pro/taches/{id}";

        using (var noReason = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Cancelling.Reason"] = "  " }, formSelector: "form[action*='handler=Cancel']"))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.NotNull((await noReason.ReadPageAsync()).QuerySelector("#Cancelling_Reason-error"));
        }

        var newDay = Today().AddDays(9);
        using (var planned = await browser.PostFormAsync(url, new Dictionary<string, string?>
        {
            ["Plan.Due"] = "Date",
            ["Plan.DueOn"] = newDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Plan.AssigneeId"] = me.Id.ToString(),
        }, formSelector: "form[action*='handler=Plan']"))
        {
            ProfessionalSessions.AssertRedirect(planned, url, "planning it again");
        }

        var replanned = await app.LoadTaskAsync(id);
        Assert.Equal((newDay, me.Id), (replanned.DueOn!.Value, replanned.AssigneeId!.Value));

        var reason = "La famille a déménagé " + Guid.NewGuid();
        using (var cancelled = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Cancelling.Reason"] = reason }, formSelector: "form[action*='handler=Cancel']"))
        {
            ProfessionalSessions.AssertRedirect(cancelled, url, "cancelling");
        }

        var stored = await app.LoadTaskAsync(id);
        Assert.Equal(WorkTaskStatus.Cancelled, stored.Status);
        Assert.False(Contains(stored.CancelReason!, Encoding.UTF8.GetBytes(reason)));
        Assert.Equal(reason, (await browser.GetPageAsync(url)).QuerySelector("#task-reason")?.TextContent.Trim());
    }

    [Fact]
    public async Task ATitleMovedToAnotherTaskIsNotReadThereAndTheAttemptIsAudited()
    {
        var me = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        var secret = "Confidentiel " + Guid.NewGuid();
        var source = await app.AddTaskAsync(secret, Declic, me);
        var target = await app.AddTaskAsync("Autre tâche", Declic, me);
        await app.InDatabaseAsync(async db =>
        {
            var title = await db.WorkTasks.Where(t => t.Id == source).Select(t => t.Title).SingleAsync(Cancellation);
            await db.WorkTasks.Where(t => t.Id == target).ExecuteUpdateAsync(u => u.SetProperty(t => t.Title, title), Cancellation);
        });
        using var browser = await app.SignInAsync(me);

        var page = await browser.GetPageAsync($"/pro/taches/{target}");
        Assert.DoesNotContain(secret, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#task-title .unreadable"));
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Unreadable && e.EntityType == nameof(WorkTask) && e.EntityId == target.ToString(), Cancellation)));
    }

    [Fact]
    public async Task ErasingASituationErasesTheTextsOfItsTasks()
    {
        var closed = new DateTimeOffset(2032, 2, 10, 10, 0, 0, TimeSpan.Zero);
        var situation = await app.NewSituation(Declic).At(closed.AddMonths(-2)).ClosedAt(closed).SaveAsync();
        var me = situation.Opener;
        var open = await app.AddTaskAsync("Prévenir l'école", Declic, me, situation.Id);
        var cancelled = await app.AddTaskAsync("Revoir C.", Declic, me, situation.Id);
        await app.InDatabaseAsync(async db =>
        {
            var task = await db.WorkTasks.SingleAsync(t => t.Id == cancelled, Cancellation);
            var content = app.Services.GetRequiredService<Cash.Web.Tasks.TaskContent>();
            task.Cancel(await content.SealCancelReasonAsync(task, "Parti en France", Cancellation), me.Id, closed);
            await db.SaveChangesAsync(Cancellation);
        });
        var standalone = await app.AddTaskAsync("Sans situation", Declic, me);

        await app.Services.GetRequiredService<RetentionJob>().EraseDueAsync(closed.AddMonths(25), Cancellation);

        Assert.True((await app.LoadSituationAsync(situation.Id)).IsErased);
        Assert.Null((await app.LoadTaskAsync(open)).Title);
        var erased = await app.LoadTaskAsync(cancelled);
        Assert.Null(erased.Title);
        Assert.Null(erased.CancelReason);
        Assert.NotNull((await app.LoadTaskAsync(standalone)).Title);
    }

    [Fact]
    public async Task AKeyRotationSealsATitleAgainUnderTheNewKeyAndItStillReads()
    {
        var me = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        var title = "Avant la rotation " + Guid.NewGuid();
        var id = await app.AddTaskAsync(title, Declic, me);

        Guid active;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            active = (await scope.ServiceProvider.GetRequiredService<Cash.Web.Security.Encryption.KeyRotation>().RotateAsync(Cancellation)).ActiveKeyId;
        }

        var task = await app.LoadTaskAsync(id);
        Assert.Equal(active, Cash.Web.Security.Encryption.FieldCipher.KeyIdOf(task.Title!));
        Assert.Equal(title, await app.Services.GetRequiredService<Cash.Web.Tasks.TaskContent>().TitleAsync(task, Cancellation));
    }

    private Task<int> ReadsOfAsync(Guid id) =>
        app.InDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Read && e.EntityType == nameof(WorkTask) && e.EntityId == id.ToString(), Cancellation));

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

public sealed class WorkingOnTasksOnSqlite(SqliteCashApp app) : WorkingOnTasksTests(app), IClassFixture<SqliteCashApp>;

public sealed class WorkingOnTasksOnPostgres(PostgresCashApp app) : WorkingOnTasksTests(app), IClassFixture<PostgresCashApp>;
