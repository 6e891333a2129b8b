using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.HelpRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Requests a service has not acknowledged within two working days go to the coordinators (issue 4):
/// flagged once, one content-free e-mail per coordinator, on a clock the test moves over a weekend.
/// </summary>
public abstract class EscalatingUnansweredRequestsTests(CashApp app)
{
    // Friday 6 December 2030, 17:00 UTC: far from the real clock, so the app's own hourly run never touches these requests.
    private static readonly DateTimeOffset Friday = new(2030, 12, 6, 17, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestLeftUnacknowledgedOverAWeekendIsEscalatedOnceTwoWorkingDaysHavePassed()
    {
        var coordinator = await app.CreateProfessionalAsync(ProRole.Coordinator, "egalite-des-chances");
        var late = await app.NewHelpRequest().To("le-declic").Text("Personne ne me répond").At(Friday).SaveAsync();
        var acknowledged = await app.NewHelpRequest().To("le-declic").Text("Déjà vue").At(Friday).SaveAsync();
        var triage = await app.NewHelpRequest().Text("Dans le triage").At(Friday).SaveAsync();
        await app.InDatabaseAsync(async db =>
        {
            var request = await db.HelpRequests.SingleAsync(r => r.Id == acknowledged, Cancellation);
            request.Acknowledge(Friday.AddDays(3));
            await db.SaveChangesAsync(Cancellation);
        });
        var job = app.Services.GetRequiredService<EscalationJob>();

        // Monday and Tuesday are the two working days after Friday 17:00: not yet, even on Tuesday evening.
        Assert.Equal(0, await job.EscalateAsync(Friday.AddDays(3), Cancellation));
        Assert.Equal(0, await job.EscalateAsync(Friday.AddDays(4), Cancellation));
        Assert.Empty(app.Mail.MessagesTo(coordinator.Email));

        // Wednesday 17:00: two working days have passed.
        Assert.Equal(1, await job.EscalateAsync(Friday.AddDays(5), Cancellation));
        Assert.Equal(Friday.AddDays(5), (await app.LoadHelpRequestAsync(late)).EscalatedAt);
        Assert.Null((await app.LoadHelpRequestAsync(acknowledged)).EscalatedAt);
        Assert.Null((await app.LoadHelpRequestAsync(triage)).EscalatedAt);

        // Once only: the next runs find nothing new and send nothing more.
        Assert.Equal(0, await job.EscalateAsync(Friday.AddDays(6), Cancellation));
        var mail = Assert.Single(app.Mail.MessagesTo(coordinator.Email));
        var body = (mail.TextBody ?? "") + (mail.HtmlBody ?? "");
        Assert.Contains("/pro/demandes", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Personne ne me", body, StringComparison.Ordinal);

        // The coordinators see it flagged in their list, as metadata they cannot open.
        var browser = await app.SignInAsync(coordinator);
        var inbox = await browser.GetPageAsync("/pro/demandes");
        var escalated = inbox.QuerySelector("#escalated-caption")!.ParentElement!;
        Assert.Contains("En attente depuis plus de 2 jours ouvrables", escalated.TextContent, StringComparison.Ordinal);
        Assert.Null(inbox.QuerySelector($"a[href='/pro/demandes/{late}']"));
    }

    [Fact]
    public async Task APublicHolidayIsNotAWorkingDay()
    {
        // Friday 11 April 2031, 19:00 in Brussels; Monday 14 is Easter Monday. Later than every other request here.
        var friday = new DateTimeOffset(2031, 4, 11, 17, 0, 0, TimeSpan.Zero);
        var late = await app.NewHelpRequest().To("le-declic").Text("Personne pendant le congé").At(friday).SaveAsync();
        var job = app.Services.GetRequiredService<EscalationJob>();

        // Wednesday 17:00: the third weekday, but only the second working day, not over yet.
        await job.EscalateAsync(friday.AddDays(5), Cancellation);
        Assert.Null((await app.LoadHelpRequestAsync(late)).EscalatedAt);

        // Thursday 17:00: two working days (Tuesday and Wednesday) have passed.
        await job.EscalateAsync(friday.AddDays(6), Cancellation);
        Assert.Equal(friday.AddDays(6), (await app.LoadHelpRequestAsync(late)).EscalatedAt);
    }

    [Fact]
    public async Task TheJobItselfRunsOnTheAppsClock()
    {
        // A week later than the other test's requests, which are escalated by then anyway.
        var friday = Friday.AddDays(7);
        var late = await app.NewHelpRequest().To("la-passerelle").Text("Toujours sans réponse").At(friday).SaveAsync();

        // The job runs once when the app starts, then every hour, reading the injected TimeProvider.
        await using (var monday = app.Using(new Clock(friday.AddDays(3))))
        {
            _ = monday.Services;
            await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);
            Assert.Null((await app.LoadHelpRequestAsync(late)).EscalatedAt);
        }

        await using var wednesday = app.Using(new Clock(friday.AddDays(5)));
        _ = wednesday.Services;
        for (var i = 0; i < 100 && (await app.LoadHelpRequestAsync(late)).EscalatedAt is null; i++)
        {
            await Task.Delay(100, Cancellation);
        }

        Assert.Equal(friday.AddDays(5), (await app.LoadHelpRequestAsync(late)).EscalatedAt);
    }
}

public sealed class EscalatingUnansweredRequestsOnSqlite(SqliteMailFolderCashApp app) : EscalatingUnansweredRequestsTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class EscalatingUnansweredRequestsOnPostgres(PostgresMailFolderCashApp app) : EscalatingUnansweredRequestsTests(app), IClassFixture<PostgresMailFolderCashApp>;
