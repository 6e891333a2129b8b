using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Interventions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Joint interventions (issue 11, point 2): who sees and changes one (the access rule, its lists and
/// its handler agreeing), each service answering for itself, the month on the right Brussels days,
/// the plan and report encrypted and bound to their intervention, forms that keep what was typed,
/// and the audit trail of every write and read.
/// </summary>
public abstract class PlanningInterventionsTogetherTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";
    private const string Artem = "cpms-wbe-artem";
    private const string Icet = "cpms-provincial-icet";
    private const string Coordination = "egalite-des-chances";
    private const string Libre2 = "cpms-libre-mouscron-2";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public enum Visitor
    {
        Organiser,
        Confirmed,
        Invited,
        Declined,
        Uninvolved,
        Coordinator,
        InvolvedCoordinator,
        Administrator,
    }

    [Fact]
    public async Task EachVisitorSeesAndChangesWhatTheRuleSaysAndTheListAndThePageAgree()
    {
        // Passerelle is invited to an intervention on a situation it does not follow; the mediation service and a PMS centre (whose
        // coordinator is not invited) follow it.
        var situation = await app.NewSituation(Declic).Involving(Mediation).Involving(Libre2).SaveAsync();
        var linked = await app.NewIntervention(Declic).For(situation.Id).Plan("Plan-lié " + Guid.NewGuid())
            .With(Passerelle, ParticipationStatus.Confirmed).With(Mediation, ParticipationStatus.Invited).With(Artem, ParticipationStatus.Declined).SaveAsync();
        var unlinked = await app.NewIntervention(Icet).Plan("Plan-libre " + Guid.NewGuid()).SaveAsync();
        var visitors = await VisitorsAsync();

        // Organiser, confirmed, invited, declined, uninvolved, coordinator (not involved), coordinator of an involved service, administrator.
        var expected = new Dictionary<(Guid, OperationAuthorizationRequirement), bool[]>
        {
            [(linked.Id, InterventionOperations.ViewMetadata)] = [true, true, true, false, false, true, true, false],
            // Passerelle, confirmed but not involved in the situation, sees when and where, not the plan or report.
            [(linked.Id, InterventionOperations.View)] = [true, false, true, false, false, false, true, false],
            [(linked.Id, InterventionOperations.Organise)] = [true, false, false, false, false, false, false, false],
            [(linked.Id, InterventionOperations.Answer)] = [false, true, true, false, false, false, false, false],
            [(unlinked.Id, InterventionOperations.ViewMetadata)] = [false, false, false, false, true, true, true, false],
            [(unlinked.Id, InterventionOperations.View)] = [false, false, false, false, true, true, true, false],
            [(unlinked.Id, InterventionOperations.Organise)] = [false, false, false, false, true, false, false, false],
        };

        var wrong = new List<string>();
        foreach (var ((id, operation), answers) in expected)
        {
            foreach (var visitor in Enum.GetValues<Visitor>())
            {
                var (person, _) = visitors[visitor];
                var principal = Principal(person);
                var inList = await app.InDatabaseAsync(db => db.Interventions.Allowing(InterventionAccess.Rule, principal, operation).AnyAsync(i => i.Id == id, Cancellation));
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
                var record = await db.Interventions.SingleAsync(i => i.Id == id, Cancellation);
                var handler = (await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, record, operation)).Succeeded;
                var want = answers[(int)visitor];
                if (inList != want || handler != want)
                {
                    wrong.Add($"{operation.Name} on {(id == linked.Id ? "linked" : "unlinked")} as {visitor}: list {inList}, handler {handler}, expected {want}");
                }
            }
        }

        Assert.Empty(wrong);

        // The pages follow: 404 where the metadata is refused; the plan only where the texts are allowed; the
        // situation linked for those who may view it, named by its reference for the others.
        foreach (var visitor in Enum.GetValues<Visitor>())
        {
            var browser = visitors[visitor].Browser;
            using var response = await browser.GetAsync(new Uri($"/pro/interventions/{linked.Id}", UriKind.Relative), Cancellation);
            var seesMetadata = expected[(linked.Id, InterventionOperations.ViewMetadata)][(int)visitor];
            Assert.True((seesMetadata ? HttpStatusCode.OK : HttpStatusCode.NotFound) == response.StatusCode, $"{visitor}: {(int)response.StatusCode}");
            if (!seesMetadata)
            {
                continue;
            }

            var page = await response.ReadPageAsync();
            var seesPlan = expected[(linked.Id, InterventionOperations.View)][(int)visitor];
            Assert.Equal(seesPlan, page.QuerySelector("#plan") is not null);
            Assert.Equal(!seesPlan, page.QuerySelector("#metadata-only") is not null);
            Assert.Contains(situation.Reference, page.QuerySelector("#situation")!.TextContent, StringComparison.Ordinal);
            var opensSituation = visitor is Visitor.Organiser or Visitor.Invited or Visitor.InvolvedCoordinator;
            Assert.True(opensSituation == (page.QuerySelector($"#situation a[href='/pro/situations/{situation.Id}']") is not null), $"{visitor} and the situation's link");
        }

        // The month lists what the metadata rule allows, no more.
        foreach (var visitor in Enum.GetValues<Visitor>())
        {
            var month = await visitors[visitor].Browser.GetPageAsync("/pro/interventions?mois=2027-03");
            Assert.Equal(expected[(linked.Id, InterventionOperations.ViewMetadata)][(int)visitor], month.QuerySelector($"#month a[href='/pro/interventions/{linked.Id}']") is not null);
        }
    }

    [Fact]
    public async Task EachInvitedServiceAnswersForItselfAndForNoOtherService()
    {
        var intervention = await app.NewIntervention(Declic).With(Mediation, ParticipationStatus.Invited).With(Passerelle, ParticipationStatus.Invited).SaveAsync();
        var url = $"/pro/interventions/{intervention.Id}";
        var (mediation, mediator) = await app.SignInAsAsync(ProRole.Member, Mediation);
        var (passerelle, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        var (outsider, _) = await app.SignInAsAsync(ProRole.Member, Icet);
        var (organiser, _) = await app.SignInAsAsync(ProRole.Member, Declic);

        // The mediation service confirms and names who comes.
        using (var confirmed = await mediation.PostFormAsync(url, new Dictionary<string, string?>
        {
            ["Answering.Answer"] = nameof(ParticipationAnswerName.Confirm),
            ["Answering.Coming"] = mediator.Id.ToString(),
        }))
        {
            ProfessionalSessions.AssertRedirect(confirmed, url);
        }

        // Passerelle declines with a reason: its own answer changes, the mediation service's does not.
        var token = await passerelle.AntiforgeryTokenAsync(url);
        var mediationId = await ServiceIdAsync(Mediation);
        using (var declined = await passerelle.PostRawAsync($"{url}?handler=Answer", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Answering.Answer"] = "Decline",
            ["Answering.Reason"] = "Pas disponibles ce jour-là",
            ["Answering.Version"] = (await app.LoadInterventionAsync(intervention.Id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A forged service field is not read: the answer is always the signed-in person's service's.
            ["Answering.Service"] = mediationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Service"] = mediationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        }

        var stored = await app.LoadInterventionAsync(intervention.Id);
        Assert.Equal(ParticipationStatus.Confirmed, stored.ParticipationOfOrNull(mediationId)!.Status);
        Assert.Equal(ParticipationStatus.Declined, stored.ParticipationOfOrNull(await ServiceIdAsync(Passerelle))!.Status);
        Assert.Equal([mediator.Id], stored.People.Select(p => p.ProfessionalId));
        Assert.DoesNotContain("Pas disponibles", Encoding.UTF8.GetString(stored.ParticipationOfOrNull(await ServiceIdAsync(Passerelle))!.DeclineReason!), StringComparison.Ordinal);

        // A service that is not invited, and the organiser, cannot answer at all; nor can a service name people of another service.
        foreach (var browser in new[] { outsider, organiser })
        {
            var form = await FreshTokenAsync(browser);
            using var refused = await browser.PostRawAsync($"{url}?handler=Answer", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = form,
                ["Answering.Answer"] = "Confirm",
                ["Answering.Version"] = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var (_, declicMember) = (organiser, (await app.InDatabaseAsync(db => db.Users.FirstAsync(u => u.PartnerServiceId != mediationId && u.PartnerServiceId != null, Cancellation))).Id);
        using (var foreign = await mediation.PostFormAsync(url, new Dictionary<string, string?>
        {
            ["Answering.Answer"] = "Confirm",
            ["Answering.Coming"] = declicMember.ToString(),
        }))
        {
            Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
            var page = await foreign.ReadPageAsync();
            Assert.NotNull(page.QuerySelector(".error-summary, #error-summary, [data-module='error-summary'], .field-error"));
        }

        Assert.Equal([mediator.Id], (await app.LoadInterventionAsync(intervention.Id)).People.Select(p => p.ProfessionalId));

        // The service that declined no longer sees it.
        using var gone = await passerelle.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task TheMonthPutsEachInterventionOnItsBrusselsDayAcrossTheClockChangeAndTheMonthsEnd()
    {
        // 28 March 2027: clocks go from 02:00 to 03:00 in Brussels. 00:30 is still winter time (UTC+1), 23:30 summer time (UTC+2).
        var beforeChange = await app.NewIntervention(Declic).On(new DateOnly(2027, 3, 28), new TimeOnly(0, 30), new TimeOnly(1, 30)).SaveAsync();
        var afterChange = await app.NewIntervention(Declic).On(new DateOnly(2027, 3, 28), new TimeOnly(23, 0), new TimeOnly(23, 45)).SaveAsync();
        var lastEvening = await app.NewIntervention(Declic).On(new DateOnly(2027, 3, 31), new TimeOnly(23, 30), new TimeOnly(23, 50)).SaveAsync();
        var aprilsFirstHour = await app.NewIntervention(Declic).On(new DateOnly(2027, 4, 1), new TimeOnly(0, 15), new TimeOnly(0, 45)).SaveAsync();
        Assert.Equal(new DateTimeOffset(2027, 3, 27, 23, 30, 0, TimeSpan.Zero), beforeChange.StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 21, 0, 0, TimeSpan.Zero), afterChange.StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 21, 30, 0, TimeSpan.Zero), lastEvening.StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 22, 15, 0, TimeSpan.Zero), aprilsFirstHour.StartsAt);

        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var march = await browser.GetPageAsync("/pro/interventions?mois=2027-03");
        Assert.Equal("2027-03-28", DayOf(march, beforeChange.Id));
        Assert.Equal("2027-03-28", DayOf(march, afterChange.Id));
        Assert.Equal("2027-03-31", DayOf(march, lastEvening.Id));
        Assert.Null(march.QuerySelector($"#month a[href='/pro/interventions/{aprilsFirstHour.Id}']"));

        // A real grid: seven column headers, weeks from Monday (1 March 2027 is one), the days of other months empty.
        Assert.Equal(7, march.QuerySelectorAll("#month thead th[scope='col']").Length);
        Assert.Equal("2027-03-01", march.QuerySelector("#month tbody tr td")!.GetAttribute("data-day"));
        Assert.Equal(31, march.QuerySelectorAll("#month td[data-day]").Length);
        Assert.NotNull(march.QuerySelector("#month-nav a[href='/pro/interventions?mois=2027-02']"));
        Assert.NotNull(march.QuerySelector("#month-nav a[href='/pro/interventions?mois=2027-04']"));
        // The list that small screens show holds the same entries.
        Assert.NotNull(march.QuerySelector($"#month-list a[href='/pro/interventions/{lastEvening.Id}']"));

        var april = await browser.GetPageAsync("/pro/interventions?mois=2027-04");
        Assert.Equal("2027-04-01", DayOf(april, aprilsFirstHour.Id));
        Assert.Null(april.QuerySelector($"#month a[href='/pro/interventions/{lastEvening.Id}']"));
        // April 2027 begins on a Thursday: three empty cells first.
        Assert.Equal(3, april.QuerySelector("#month tbody tr")!.QuerySelectorAll("td:not([data-day])").Length);

        // The calendar query says the same, by Brussels days.
        var viewer = await app.InDatabaseAsync(db => db.Users.Where(u => u.PartnerServiceId != null).Select(u => u.Id).FirstAsync(Cancellation));
        using var scope = app.Services.CreateScope();
        var calendar = scope.ServiceProvider.GetRequiredService<InterventionCalendar>();
        var declic = await ServiceIdAsync(Declic);
        var onThe28th = await calendar.BetweenAsync(new Viewer(viewer, declic, ProRole.Member), new DateOnly(2027, 3, 28), new DateOnly(2027, 3, 28), Cancellation);
        Assert.Equal([beforeChange.Id, afterChange.Id], onThe28th.Select(e => e.Id).Where(id => id == beforeChange.Id || id == afterChange.Id));
        Assert.All(onThe28th, e => Assert.Equal(new DateOnly(2027, 3, 28), e.Day));
    }

    [Fact]
    public async Task TheReportIsEncryptedAndATextMovedToAnotherInterventionIsNotRead()
    {
        var done = "Deux heures d'atelier, les élèves ont parlé du vestiaire " + Guid.NewGuid();
        var followUp = "Revoir la classe en juin " + Guid.NewGuid();
        var intervention = await app.NewIntervention(Declic).On(new DateOnly(2026, 11, 20), new TimeOnly(9, 0), new TimeOnly(11, 0)).SaveAsync();
        var other = await app.NewIntervention(Declic).On(new DateOnly(2026, 11, 21), new TimeOnly(9, 0), new TimeOnly(11, 0)).SaveAsync();
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Declic);
        var url = $"/pro/interventions/{intervention.Id}";

        using (var reported = await browser.PostFormAsync($"{url}/rapport", new Dictionary<string, string?>
        {
            ["Input.PupilsReached"] = "46",
            ["Input.WhatWasDone"] = done,
            ["Input.FollowUp"] = followUp,
            ["Input.ReportedOn"] = "2026-11-23",
        }))
        {
            ProfessionalSessions.AssertRedirect(reported, url);
        }

        var stored = await app.LoadInterventionAsync(intervention.Id);
        Assert.Equal((InterventionStatus.Done, 46, new DateOnly(2026, 11, 23)), (stored.Status, stored.PupilsReached!.Value, stored.ReportedOn!.Value));
        Assert.DoesNotContain(done, Encoding.UTF8.GetString(stored.ReportText!), StringComparison.Ordinal);
        Assert.DoesNotContain(followUp, Encoding.UTF8.GetString(stored.FollowUp!), StringComparison.Ordinal);
        var page = await browser.GetPageAsync(url);
        Assert.Contains(done, page.QuerySelector("#report")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(followUp, page.QuerySelector("#report")!.TextContent, StringComparison.Ordinal);

        // Someone with the database copies the report onto another intervention, and moves this one to a situation.
        var situation = await app.NewSituation(Declic).SaveAsync();
        await app.InDatabaseAsync(async db =>
        {
            var target = await db.Interventions.SingleAsync(i => i.Id == other.Id, Cancellation);
            target.Plan = stored.ReportText;
            await db.SaveChangesAsync(Cancellation);
            await db.Database.ExecuteSqlAsync($"UPDATE \"Interventions\" SET \"SituationId\" = {situation.Id} WHERE \"Id\" = {intervention.Id}", Cancellation);
        });

        foreach (var (id, marker) in new[] { (other.Id, done), (intervention.Id, done) })
        {
            var attacked = await browser.GetPageAsync($"/pro/interventions/{id}");
            Assert.DoesNotContain(marker, attacked.Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains(Translations.Intervention("Text.Unreadable", "fr"), attacked.Body!.TextContent, StringComparison.Ordinal);
            Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Unreadable && e.EntityId == id.ToString() && e.ActorId == person.Id, Cancellation)), $"{id}: unreadable audited");
        }
    }

    [Fact]
    public async Task AFormWithMistakesComesBackWithEverythingTypedAndNothingSaved()
    {
        var school = (await app.NewIntervention(Declic).SaveAsync()).SchoolId;
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var before = await app.InDatabaseAsync(db => db.Interventions.CountAsync(Cancellation));
        var plan = "Plan gardé <b>tel quel</b> " + Guid.NewGuid();

        using var response = await browser.PostFormAsync("/pro/interventions/nouvelle", new Dictionary<string, string?>
        {
            ["Input.School"] = school.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Classes"] = "5e A, 5e B",
            ["Input.Day"] = "31/02/2027",
            ["Input.Start"] = "14:00",
            ["Input.End"] = "13:00",
            ["Input.Tool"] = "Théâtre-forum",
            ["Input.Plan"] = plan,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal("5e A, 5e B", page.QuerySelector("#Input_Classes")!.GetAttribute("value"));
        Assert.Equal("31/02/2027", page.QuerySelector("#Input_Day")!.GetAttribute("value"));
        Assert.Equal("14:00", page.QuerySelector("#Input_Start")!.GetAttribute("value"));
        Assert.Equal("13:00", page.QuerySelector("#Input_End")!.GetAttribute("value"));
        Assert.Equal("Théâtre-forum", page.QuerySelector("#Input_Tool")!.GetAttribute("value"));
        Assert.Equal(plan, page.QuerySelector("#Input_Plan")!.TextContent.TrimStart('\n'));
        Assert.True(page.QuerySelector($"#Input_School option[value='{school}']")!.HasAttribute("selected"));
        Assert.NotNull(page.QuerySelector("#Input_Day-error"));
        Assert.NotNull(page.QuerySelector("#Input_End-error"));
        Assert.Equal(before, await app.InDatabaseAsync(db => db.Interventions.CountAsync(Cancellation)));

        // A report with a number that is not one keeps its texts too.
        var past = await app.NewIntervention(Declic).On(new DateOnly(2026, 10, 5), new TimeOnly(10, 0), new TimeOnly(12, 0)).SaveAsync();
        using var report = await browser.PostFormAsync($"/pro/interventions/{past.Id}/rapport", new Dictionary<string, string?>
        {
            ["Input.PupilsReached"] = "quarante",
            ["Input.WhatWasDone"] = "Ce qui a été fait",
        });
        var reportPage = await report.ReadPageAsync();
        Assert.Equal("quarante", reportPage.QuerySelector("#Input_PupilsReached")!.GetAttribute("value"));
        Assert.Equal("Ce qui a été fait", reportPage.QuerySelector("#Input_WhatWasDone")!.TextContent.TrimStart('\n'));
        Assert.NotNull(reportPage.QuerySelector("#Input_PupilsReached-error"));
        Assert.Equal(InterventionStatus.Planned, (await app.LoadInterventionAsync(past.Id)).Status);
    }

    [Fact]
    public async Task AChangeMadeMeanwhileIsRefusedWithWhatWasTypedKept()
    {
        var intervention = await app.NewIntervention(Declic).SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var edit = $"/pro/interventions/{intervention.Id}/modifier";
        var form = await browser.GetPageAsync(edit);
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var version = form.QuerySelector("input[name='Version']")!.GetAttribute("value")!;

        // Someone else invites a service meanwhile.
        using (var invited = await browser.PostFormAsync($"/pro/interventions/{intervention.Id}", new Dictionary<string, string?> { ["Inviting.Services"] = (await ServiceIdAsync(Artem)).ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        }

        using var late = await browser.PostRawAsync(edit, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = version,
            ["Input.School"] = intervention.SchoolId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Classes"] = "Nouvelles classes",
            ["Input.Day"] = "2027-03-16",
            ["Input.Start"] = "10:00",
            ["Input.End"] = "12:00",
            ["Input.Plan"] = "Plan tapé pendant ce temps",
        });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await late.ReadPageAsync();
        Assert.Equal("Nouvelles classes", page.QuerySelector("#Input_Classes")!.GetAttribute("value"));
        Assert.Equal("Plan tapé pendant ce temps", page.QuerySelector("#Input_Plan")!.TextContent.TrimStart('\n'));
        Assert.Equal("3e B", (await app.LoadInterventionAsync(intervention.Id)).Classes);
    }

    [Fact]
    public async Task PlanningFromASituationLinksItAndEveryWriteAndReadIsAudited()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        var school = (await app.NewIntervention(Declic).SaveAsync()).SchoolId;
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Declic);

        var details = await browser.GetPageAsync($"/pro/situations/{situation.Id}");
        Assert.NotNull(details.QuerySelector($"a[href='/pro/interventions/nouvelle?situation={situation.Id}']"));

        using var created = await browser.PostFormAsync($"/pro/interventions/nouvelle?situation={situation.Id}", new Dictionary<string, string?>
        {
            ["Input.School"] = school.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Day"] = "2027-05-10",
            ["Input.Start"] = "13:30",
            ["Input.End"] = "15:00",
            ["Input.Plan"] = "Plan de l'atelier",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('?')[0]["/pro/interventions/".Length..]);
        var stored = await app.LoadInterventionAsync(id);
        Assert.Equal(situation.Id, stored.SituationId);
        Assert.Equal(await ServiceIdAsync(Declic), stored.OrganiserServiceId);
        Assert.Equal(ParticipationStatus.Confirmed, Assert.Single(stored.Services).Status);

        await browser.GetPageAsync($"/pro/interventions/{id}");
        using (var cancelled = await browser.PostFormAsync($"/pro/interventions/{id}", new Dictionary<string, string?> { ["Cancelling.Version"] = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }

        Assert.Equal(InterventionStatus.Cancelled, (await app.LoadInterventionAsync(id)).Status);
        var actions = await app.InDatabaseAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Intervention) && e.EntityId == id.ToString() && e.ActorId == person.Id).Select(e => e.Action).ToListAsync(Cancellation));
        Assert.Contains(AuditActions.Create, actions);
        Assert.Contains(AuditActions.Read, actions);
        Assert.Contains(AuditActions.Update, actions);

        // A situation the member's service does not follow cannot be the start of one.
        var foreign = await app.NewSituation(Passerelle).SaveAsync();
        using var refused = await browser.GetAsync(new Uri($"/pro/interventions/nouvelle?situation={foreign.Id}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task AKeyRotationReencryptsThePlanTheReportAndTheReasonsAndTheyStillRead()
    {
        var plan = "Plan avant la rotation " + Guid.NewGuid();
        var intervention = await app.NewIntervention(Declic).Plan(plan).On(new DateOnly(2026, 9, 14), new TimeOnly(9, 0), new TimeOnly(10, 0))
            .With(Passerelle, ParticipationStatus.Invited).SaveAsync();
        await app.InDatabaseAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            var content = scope.ServiceProvider.GetRequiredService<InterventionContent>();
            var tracked = await db.Interventions.Include(i => i.Services).SingleAsync(i => i.Id == intervention.Id, Cancellation);
            var passerelle = tracked.ParticipationOfOrNull(await db.PartnerServices.Where(s => s.Slug == Passerelle).Select(s => s.Id).SingleAsync(Cancellation))!;
            tracked.Decline(passerelle.PartnerServiceId, await content.SealDeclineReasonAsync(passerelle, "Raison avant la rotation", Cancellation), tracked.CreatedBy, DateTimeOffset.UtcNow);
            tracked.Report(12, await content.SealReportTextAsync(tracked, "Rapport avant la rotation", Cancellation), await content.SealFollowUpAsync(tracked, "Suite avant la rotation", Cancellation), new DateOnly(2026, 9, 15), tracked.CreatedBy);
            await db.SaveChangesAsync(Cancellation);
        });

        Cash.Web.Security.Encryption.KeyRotationResult result;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<Cash.Web.Security.Encryption.KeyRotation>().RotateAsync(Cancellation);
        }

        foreach (var column in new[] { "Interventions.Plan", "Interventions.ReportText", "Interventions.FollowUp", "InterventionServices.DeclineReason" })
        {
            Assert.True(result.ReencryptedByColumn.TryGetValue(column, out var count) && count >= 1, $"{column} was not re-encrypted.");
        }

        var stored = await app.LoadInterventionAsync(intervention.Id);
        Assert.Equal(result.ActiveKeyId, Cash.Web.Security.Encryption.FieldCipher.KeyIdOf(stored.Plan!));
        Assert.Equal(result.ActiveKeyId, Cash.Web.Security.Encryption.FieldCipher.KeyIdOf(stored.ReportText!));
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var page = await browser.GetPageAsync($"/pro/interventions/{intervention.Id}");
        Assert.Contains(plan, page.QuerySelector("#plan")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rapport avant la rotation", page.QuerySelector("#report")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Raison avant la rotation", page.QuerySelector("#services")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErasingAClosedSituationForgetsTheTextsOfItsInterventionsAndKeepsTheFacts()
    {
        var situation = await app.NewSituation(Declic).ClosedAt(DateTimeOffset.UtcNow.AddYears(-3)).SaveAsync();
        var intervention = await app.NewIntervention(Declic).For(situation.Id).Plan("Plan à oublier").SaveAsync();

        await app.Services.GetRequiredService<Cash.Web.Situations.RetentionJob>().EraseDueAsync(DateTimeOffset.UtcNow, Cancellation);

        var stored = await app.LoadInterventionAsync(intervention.Id);
        Assert.Null(stored.Plan);
        Assert.Null(stored.Classes);
        Assert.Equal((intervention.SchoolId, intervention.StartsAt), (stored.SchoolId, stored.StartsAt));
    }

    private static string? DayOf(AngleSharp.Html.Dom.IHtmlDocument page, Guid id) =>
        page.QuerySelector($"#month a[href='/pro/interventions/{id}']")?.Closest("td")?.GetAttribute("data-day");

    private async Task<Dictionary<Visitor, (TestProfessional Person, HttpClient Browser)>> VisitorsAsync()
    {
        var result = new Dictionary<Visitor, (TestProfessional, HttpClient)>();
        foreach (var (visitor, role, slug) in new (Visitor, ProRole, string?)[]
        {
            (Visitor.Organiser, ProRole.Member, Declic),
            (Visitor.Confirmed, ProRole.Member, Passerelle),
            (Visitor.Invited, ProRole.Member, Mediation),
            (Visitor.Declined, ProRole.Member, Artem),
            (Visitor.Uninvolved, ProRole.Member, Icet),
            (Visitor.Coordinator, ProRole.Coordinator, Coordination),
            (Visitor.InvolvedCoordinator, ProRole.Coordinator, Libre2),
            (Visitor.Administrator, ProRole.Administrator, null),
        })
        {
            var (browser, person) = await app.SignInAsAsync(role, slug);
            result[visitor] = (person, browser);
        }

        return result;
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(TestProfessional person)
    {
        var serviceId = person.PartnerServiceId;
        var claims = new List<System.Security.Claims.Claim>
        {
            new(System.Security.Claims.ClaimTypes.NameIdentifier, person.Id.ToString()),
            new(System.Security.Claims.ClaimTypes.Role, person.Role.ToString()),
        };
        if (serviceId is { } id)
        {
            claims.Add(new(CashClaims.Service, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new(new System.Security.Claims.ClaimsIdentity(claims, "test"));
    }

    private static async Task<string> FreshTokenAsync(HttpClient browser) => await browser.AntiforgeryTokenAsync("/pro/interventions/nouvelle");

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));

    private enum ParticipationAnswerName
    {
        Confirm,
    }
}

public sealed class PlanningInterventionsTogetherOnSqlite(SqliteCashApp app) : PlanningInterventionsTogetherTests(app), IClassFixture<SqliteCashApp>;

public sealed class PlanningInterventionsTogetherOnPostgres(PostgresCashApp app) : PlanningInterventionsTogetherTests(app), IClassFixture<PostgresCashApp>;
