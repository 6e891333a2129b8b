using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Procedures;
using Cash.Web.Procedures;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Serious-case procedures as guided checklists (issue 11, item 3): the network's two proposals are
/// seeded; a member of a service involved starts a checklist on a situation, which keeps its version
/// whatever is published later; each step is recorded as done with a day and a note or as not
/// applicable with a reason, both encrypted and bound to their checklist and situation; suggested
/// due days count working days; late steps come first; nobody outside the situation finds any of it.
/// </summary>
public abstract class FollowingASeriousCaseProcedureTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";
    private static readonly ResourceManager Texts = new(typeof(ProcedureTexts).FullName!, typeof(ProcedureTexts).Assembly);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheNetworksTwoProposalsAreSeededAndMarkedAsProposalsToBeValidated()
    {
        var templates = await app.InDatabaseAsync(db => db.ProcedureTemplates.AsNoTracking().Include(t => t.Versions).ThenInclude(v => v.Steps).AsSplitQuery().OrderBy(t => t.Key).ToListAsync(Cancellation));

        Assert.Equal(["parents", "school"], templates.Select(t => t.Key));
        Assert.All(templates, t =>
        {
            Assert.StartsWith("Proposition — à valider par le réseau.", t.IntroFr, StringComparison.Ordinal);
            Assert.StartsWith("Voorstel — te valideren door het netwerk.", t.IntroNl, StringComparison.Ordinal);
            Assert.StartsWith("Proposal — to be validated by the network.", t.IntroEn, StringComparison.Ordinal);
            // Version 1 is the seeded one (another test of this class may have published a second).
            var version = Assert.Single(t.Versions, v => v.Number == 1);
            Assert.All(version.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s.TitleNl) || string.IsNullOrWhiteSpace(s.GuidanceEn)));
        });
        var school = templates.Single(t => t.Key == "school").Versions.Single(v => v.Number == 1).OrderedSteps;
        Assert.Equal(7, school.Count);
        Assert.Equal("Entendre d'abord l'élève visé et le protéger", school[0].TitleFr);
        Assert.Equal(StepActor.PmsCentre, school[3].Actor);
        Assert.Equal(school[0].Key, school[4].AfterStepKey);
        var parents = templates.Single(t => t.Key == "parents").Versions.Single(v => v.Number == 1).OrderedSteps;
        Assert.Equal(6, parents.Count);
        Assert.Contains("/services", parents[4].GuidanceFr, StringComparison.Ordinal);
        Assert.Equal(StepActor.Police, parents[5].Actor);

        // Seeding again adds nothing: from now on the coordinators own them.
        Assert.Equal(0, await app.InDatabaseAsync(db => new ProcedureSeeder(db, TimeProvider.System).SeedAsync(Cancellation)));

        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "egalite-des-chances");
        using (coordinator)
        {
            var page = await coordinator.GetPageAsync("/pro/procedures/school");
            var html = page.DocumentElement.TextContent;
            Assert.Contains("Proposition — à valider par le réseau.", html, StringComparison.Ordinal);
            Assert.Contains(Text("Deadlines.Suggestion"), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AStepWithinTwoWorkingDaysStartedOnTheFridayBeforeEasterMondayIsDueOnTheWednesday()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        var friday = Brussels.StartOf(new DateOnly(2027, 3, 26)).AddHours(14);
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school", friday);
        using var lead = await app.SignInAsync(situation.Opener);

        var page = await lead.GetPageAsync(ProceduresUrl(situation));

        // "Write down the facts": within 2 working days; Easter Monday (29 March 2027) does not count.
        var step = page.QuerySelector($"#etape-{checklist.Steps[1].Id}")!;
        Assert.Contains(Text("Step.DueOn", new DateOnly(2027, 3, 31).ToString("D", French)), step.QuerySelector(".step-due")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Text("Deadlines.Suggestion"), page.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStepCountedFromAnotherStepGetsItsDueDayOnlyOnceThatStepIsDone()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school");
        var (hear, bullies) = (checklist.Steps[0].Id, checklist.Steps[4].Id);
        using var lead = await app.SignInAsync(situation.Opener);

        var before = await lead.GetPageAsync(ProceduresUrl(situation));
        Assert.DoesNotContain(Text("Step.DueOn", "").Trim(), before.QuerySelector($"#etape-{bullies} .step-due")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Text("Step.DueAfter", 5, "Entendre d'abord l'élève visé et le protéger"), before.QuerySelector($"#etape-{bullies} .step-due")!.TextContent, StringComparison.Ordinal);

        var doneOn = Brussels.DayOf(DateTimeOffset.UtcNow).AddDays(-3);
        using (var done = await lead.PostFormAsync(StepUrl(situation, checklist, hear), new Dictionary<string, string?>
        {
            ["Done.On"] = doneOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Done.Note"] = "Entendu seul, au calme.",
        }))
        {
            ProfessionalSessions.AssertRedirect(done, ProceduresUrl(situation), "marking a step done");
        }

        var after = await lead.GetPageAsync(ProceduresUrl(situation));
        Assert.Contains(Text("Step.DueOn", ChecklistSchedule.AddWorkingDays(doneOn, 5).ToString("D", French)), after.QuerySelector($"#etape-{bullies} .step-due")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Text("Step.Status.DoneOn", doneOn.ToString("D", French)), after.QuerySelector($"#etape-{hear} .step-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Entendu seul, au calme.", after.QuerySelector($"#etape-{hear} .step-text")!.TextContent);
    }

    [Fact]
    public async Task APublishedChangeLeavesARunningChecklistAsItWasAndANewChecklistTakesTheNewVersion()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        using var lead = await app.SignInAsync(situation.Opener);
        using (var started = await lead.PostFormAsync(ProceduresUrl(situation), new Dictionary<string, string?> { ["Start.Template"] = "parents" }))
        {
            ProfessionalSessions.AssertRedirect(started, ProceduresUrl(situation), "starting a checklist");
        }

        var first = await app.InDatabaseAsync(db => db.Checklists.AsNoTracking().Include(c => c.Steps).SingleAsync(c => c.SituationId == situation.Id, Cancellation));
        var versionBefore = first.VersionId;
        var added = "Revoir la famille " + Guid.NewGuid().ToString("N")[..8];

        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "egalite-des-chances");
        using (coordinator)
        {
            using (var edit = await coordinator.PostFormAsync("/pro/procedures/parents", new Dictionary<string, string?>()))
            {
                ProfessionalSessions.AssertRedirect(edit, "/pro/procedures/parents/brouillon", "starting a draft");
            }

            using (var step = await coordinator.PostFormAsync("/pro/procedures/parents/brouillon/etape", new Dictionary<string, string?>
            {
                ["Step.TitleFr"] = added,
                ["Step.TitleNl"] = added + " (nl)",
                ["Step.TitleEn"] = added + " (en)",
                ["Step.GuidanceFr"] = "Un rendez-vous de suivi.",
                ["Step.Actor"] = nameof(StepActor.LeadService),
                ["Step.Days"] = "15",
            }))
            {
                ProfessionalSessions.AssertRedirect(step, "/pro/procedures/parents/brouillon", "adding a step");
            }

            using (var published = await coordinator.PostFormAsync("/pro/procedures/parents/brouillon", new Dictionary<string, string?>(), "form[action*='handler=Publish']"))
            {
                ProfessionalSessions.AssertRedirect(published, "/pro/procedures/parents", "publishing");
            }
        }

        // The running checklist keeps its version and steps; a new one follows version 2 with the added step.
        var kept = await app.InDatabaseAsync(db => db.Checklists.AsNoTracking().Include(c => c.Steps).SingleAsync(c => c.Id == first.Id, Cancellation));
        Assert.Equal(versionBefore, kept.VersionId);
        Assert.Equal(first.Steps.Select(s => s.ProcedureStepId).Order(), kept.Steps.Select(s => s.ProcedureStepId).Order());
        var oldVersion = await app.InDatabaseAsync(db => db.ProcedureVersions.AsNoTracking().Include(v => v.Steps).SingleAsync(v => v.Id == versionBefore, Cancellation));
        Assert.DoesNotContain(oldVersion.Steps, s => s.TitleFr == added);

        using (var again = await lead.PostFormAsync(ProceduresUrl(situation), new Dictionary<string, string?> { ["Start.Template"] = "parents" }))
        {
            ProfessionalSessions.AssertRedirect(again, ProceduresUrl(situation), "starting a second checklist");
        }

        var page = await lead.GetPageAsync(ProceduresUrl(situation));
        var checklists = page.QuerySelectorAll("article.checklist");
        Assert.Equal(2, checklists.Length);
        var newest = checklists[0];
        Assert.Contains(added, newest.TextContent, StringComparison.Ordinal);
        Assert.StartsWith(Text("Checklist.Started", 2, "", "").Split(',')[0], newest.QuerySelector(".caption")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(added, checklists[1].TextContent, StringComparison.Ordinal);
        Assert.StartsWith(Text("Checklist.Started", 1, "", "").Split(',')[0], checklists[1].QuerySelector(".caption")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADraftsStepsAreMovedAndRemovedAgainstItsRevisionAndABadStepKeepsEveryTypedValue()
    {
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "egalite-des-chances");
        using (coordinator)
        {
            using (await coordinator.PostFormAsync("/pro/procedures/school", new Dictionary<string, string?>()))
            {
            }

            var draft = await app.InDatabaseAsync(db => db.ProcedureVersions.AsNoTracking().Include(v => v.Steps)
                .SingleAsync(v => v.PublishedAt == null && db.ProcedureTemplates.Any(t => t.Id == v.TemplateId && t.Key == "school"), Cancellation));
            var ordered = draft.OrderedSteps;
            var (first, second) = (ordered[0].Key, ordered[1].Key);

            // A form written against an older revision is refused, and nothing moves.
            using (var stale = await coordinator.PostRawAsync("/pro/procedures/school/brouillon?handler=MoveDown", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await coordinator.AntiforgeryTokenAsync("/pro/procedures/school/brouillon"),
                ["step"] = first.ToString(),
                ["revision"] = (draft.Revision + 1).ToString(CultureInfo.InvariantCulture),
            }))
            {
                Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            }

            using (var moved = await coordinator.PostFormAsync("/pro/procedures/school/brouillon", new Dictionary<string, string?> { ["step"] = first.ToString() }, $"#etape-{first} form[action*='handler=MoveDown']"))
            {
                ProfessionalSessions.AssertRedirect(moved, "/pro/procedures/school/brouillon", "moving a step down");
            }

            using (var removed = await coordinator.PostFormAsync("/pro/procedures/school/brouillon", new Dictionary<string, string?> { ["step"] = second.ToString() }, $"#etape-{second} form[action*='handler=Remove']"))
            {
                ProfessionalSessions.AssertRedirect(removed, "/pro/procedures/school/brouillon", "removing a step");
            }

            var after = await app.InDatabaseAsync(db => db.ProcedureVersions.AsNoTracking().Include(v => v.Steps).SingleAsync(v => v.Id == draft.Id, Cancellation));
            Assert.Equal(first, after.OrderedSteps[0].Key);
            Assert.DoesNotContain(after.Steps, s => s.Key == second);
            Assert.Equal(ordered.Count - 1, after.Steps.Count);

            // The published version is untouched.
            var published = await app.LatestVersionAsync("school");
            Assert.Equal(ordered.Select(s => s.Key), published.OrderedSteps.Select(s => s.Key));

            using var bad = await coordinator.PostFormAsync("/pro/procedures/school/brouillon/etape", new Dictionary<string, string?>
            {
                ["Step.TitleFr"] = "Appeler <la> famille",
                ["Step.TitleEn"] = "Call the family",
                ["Step.GuidanceFr"] = "Par téléphone & par écrit.",
                ["Step.Actor"] = "3",
                ["Step.Days"] = "douze",
                ["Step.After"] = Guid.NewGuid().ToString(),
            });
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var page = await bad.ReadPageAsync();
            var summary = page.QuerySelector(".error-summary")!.TextContent;
            Assert.Contains(Text("Step.Title.Required"), summary, StringComparison.Ordinal);
            Assert.Contains(Text("Step.Days.Invalid", ProcedureStep.MaxDeadlineDays), summary, StringComparison.Ordinal);
            Assert.Contains(Text("Step.After.Invalid"), summary, StringComparison.Ordinal);
            Assert.Equal("Appeler <la> famille", page.QuerySelector("input[name='Step.TitleFr']")?.GetAttribute("value"));
            Assert.Equal("Par téléphone & par écrit.", page.QuerySelector("textarea[name='Step.GuidanceFr']")?.TextContent);
            Assert.Equal("douze", page.QuerySelector("input[name='Step.Days']")?.GetAttribute("value"));
            Assert.Null(page.QuerySelector("input[name='Step.Actor'][checked]"));
            Assert.Equal(after.Steps.Count, await app.InDatabaseAsync(db => db.ProcedureSteps.CountAsync(s => s.VersionId == draft.Id, Cancellation)));
        }
    }

    [Fact]
    public async Task ATemplateHasOneDraftAtMostEvenWhenTwoAreWrittenAtOnce()
    {
        var latest = await app.LatestVersionAsync("parents");
        await app.DraftProcedureAsync("parents");

        // A second draft written beside the first, as two clicks racing past the page's check would: the database refuses it.
        await Assert.ThrowsAsync<DbUpdateException>(() => app.InDatabaseAsync(async db =>
        {
            db.ProcedureVersions.Add(ProcedureVersion.DraftFrom(latest, Guid.CreateVersion7(), latest.TemplateId, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Cancellation);
        }));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.ProcedureVersions.CountAsync(v => v.TemplateId == latest.TemplateId && v.PublishedAt == null, Cancellation)));
    }

    [Fact]
    public async Task LateStepsComeFirstHighlightedAndAreListedOnlyForTheServicesInvolved()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation).SaveAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school", DateTimeOffset.UtcNow.AddDays(-40));
        using var lead = await app.SignInAsync(situation.Opener);

        var page = await lead.GetPageAsync(ProceduresUrl(situation));
        var steps = page.QuerySelectorAll($"#liste-{checklist.Id} li.checklist-step");
        Assert.Equal(7, steps.Length);

        // The four steps counted from the start are over; the three counted from other steps have no due day yet.
        Assert.Equal(["true", "true", "true", "true", "false", "false", "false"], steps.Select(s => s.GetAttribute("data-late")));
        Assert.All(steps.Take(4), s => Assert.Contains("step-late", s.ClassList));
        Assert.All(steps.Take(4), s => Assert.Equal(Text("Step.Late"), s.QuerySelector(".badge-late")?.TextContent));
        Assert.Equal(checklist.Steps[0].Id.ToString(), steps[0].Id!["etape-".Length..]);
        Assert.Contains(Text("Checklist.LateCount", 4), page.DocumentElement.TextContent, StringComparison.Ordinal);

        var forLead = await LateStepsOfAsync(situation.Opener);
        Assert.Equal(4, forLead.Count(s => s.ChecklistId == checklist.Id));
        Assert.All(forLead.Where(s => s.ChecklistId == checklist.Id), s => Assert.Equal(situation.Reference, s.Reference));
        Assert.Contains(forLead, s => s.Title == "Mettre les faits par écrit");

        var mediation = await app.CreateProfessionalAsync(ProRole.Member, Mediation);
        Assert.Equal(4, (await LateStepsOfAsync(mediation)).Count(s => s.ChecklistId == checklist.Id));
        foreach (var outsider in new[] { await app.CreateProfessionalAsync(ProRole.Member, Passerelle), await app.CreateProfessionalAsync(ProRole.Coordinator, "egalite-des-chances") })
        {
            Assert.DoesNotContain(await LateStepsOfAsync(outsider), s => s.ChecklistId == checklist.Id);
        }
    }

    [Fact]
    public async Task NobodyOutsideTheServicesInvolvedFindsTheProceduresOfASituation()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation).SaveAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school");
        var stepUrl = StepUrl(situation, checklist, checklist.Steps[0].Id);

        var (joined, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (joined)
        {
            await joined.GetPageAsync(ProceduresUrl(situation));
            await joined.GetPageAsync(stepUrl);
        }

        // A coordinator not involved sees the situation's metadata, never its checklists: 404, as for anyone else.
        foreach (var (role, slug) in new[] { (ProRole.Member, Passerelle), (ProRole.Lead, Passerelle), (ProRole.Coordinator, "egalite-des-chances"), (ProRole.Administrator, (string?)null) })
        {
            var (outsider, _) = await app.SignInAsAsync(role, slug);
            using (outsider)
            {
                var token = await outsider.AntiforgeryTokenAsync("/pro/compte");
                foreach (var url in new[] { ProceduresUrl(situation), stepUrl })
                {
                    using var get = await outsider.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
                    Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"{role} of {slug}: GET {url} answered {(int)get.StatusCode}");
                }

                using (var start = await outsider.PostRawAsync($"{ProceduresUrl(situation)}?handler=Start", new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Start.Template"] = "school" }))
                {
                    Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
                }

                using (var done = await outsider.PostRawAsync($"{stepUrl}?handler=Done", new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Done.On"] = "2026-01-05",
                    ["Done.Note"] = "Pas à moi",
                    ["Done.Version"] = "0",
                }))
                {
                    Assert.Equal(HttpStatusCode.NotFound, done.StatusCode);
                }
            }
        }

        Assert.Equal(1, await app.InDatabaseAsync(db => db.Checklists.CountAsync(c => c.SituationId == situation.Id, Cancellation)));
        Assert.True(await app.InDatabaseAsync(db => db.ChecklistSteps.AllAsync(s => s.ChecklistId != checklist.Id || s.Status == ChecklistStepStatus.Open, Cancellation)));
    }

    [Fact]
    public async Task AStepRecordedWithBadInputComesBackWithEveryTypedValueAndNothingSaved()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school");
        var url = StepUrl(situation, checklist, checklist.Steps[0].Id);
        using var lead = await app.SignInAsync(situation.Opener);
        var note = "Entendue <b>seule</b> & rassurée " + Guid.NewGuid();

        using (var wrong = await lead.PostFormAsync(url, new Dictionary<string, string?> { ["Done.On"] = "31/02/2026", ["Done.Note"] = note }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var page = await wrong.ReadPageAsync();
            Assert.NotNull(page.QuerySelector(".error-summary"));
            Assert.Contains(Text("Done.On.Invalid"), page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("31/02/2026", page.QuerySelector("input[name='Done.On']")?.GetAttribute("value"));
            Assert.Equal(note, page.QuerySelector("textarea[name='Done.Note']")?.TextContent);
        }

        using (var future = await lead.PostFormAsync(url, new Dictionary<string, string?> { ["Done.On"] = Brussels.DayOf(DateTimeOffset.UtcNow).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Done.Note"] = note }))
        {
            var page = await future.ReadPageAsync();
            Assert.Contains(Text("Done.On.Future"), page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(note, page.QuerySelector("textarea[name='Done.Note']")?.TextContent);
        }

        using (var noReason = await lead.PostFormAsync(url, new Dictionary<string, string?> { ["NotApplicable.Reason"] = "   " }, "form[action*='handler=NotApplicable']"))
        {
            var page = await noReason.ReadPageAsync();
            Assert.Contains(Text("NotApplicable.Reason.Required"), page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        }

        Assert.True(await app.InDatabaseAsync(db => db.ChecklistSteps.AllAsync(s => s.ChecklistId != checklist.Id || s.Status == ChecklistStepStatus.Open, Cancellation)));
    }

    [Fact]
    public async Task AStepRecordedMeanwhileRefusesTheLaterFormAndKeepsWhatWasTyped()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation).SaveAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school");
        var url = StepUrl(situation, checklist, checklist.Steps[3].Id);
        using var lead = await app.SignInAsync(situation.Opener);
        var token = await lead.AntiforgeryTokenAsync(url);

        var (mediation, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (mediation)
        using (var first = await mediation.PostFormAsync(url, new Dictionary<string, string?> { ["NotApplicable.Reason"] = "L'école n'a pas de centre PMS attitré." }, "form[action*='handler=NotApplicable']"))
        {
            ProfessionalSessions.AssertRedirect(first, ProceduresUrl(situation), "the first recording");
        }

        var note = "Appel au centre PMS " + Guid.NewGuid();
        using (var later = await lead.PostRawAsync($"{url}?handler=Done", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Done.On"] = Brussels.DayOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Done.Note"] = note,
            ["Done.Version"] = "0",
        }))
        {
            Assert.Equal(HttpStatusCode.Conflict, later.StatusCode);
            var page = await later.ReadPageAsync();
            Assert.Contains(Text("Step.Error.Changed"), page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(Text("Step.Status.NotApplicable"), page.QuerySelector(".step-status")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(note, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        var stored = await app.InDatabaseAsync(db => db.ChecklistSteps.AsNoTracking().SingleAsync(s => s.Id == checklist.Steps[3].Id, Cancellation));
        Assert.Equal(ChecklistStepStatus.NotApplicable, stored.Status);
        Assert.Null(stored.Note);
    }

    [Fact]
    public async Task NotesAreEncryptedBoundToTheirChecklistAndNotReadableWhenMoved()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        var other = await app.NewSituation(Declic).OpenedBy(situation.Opener).SaveAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school");
        var target = await app.StartChecklistAsync(other, situation.Opener, "school");
        var note = "La maman de Lina Dupont a appelé " + Guid.NewGuid();
        using var lead = await app.SignInAsync(situation.Opener);
        using (var done = await lead.PostFormAsync(StepUrl(situation, checklist, checklist.Steps[0].Id), new Dictionary<string, string?>
        {
            ["Done.On"] = Brussels.DayOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Done.Note"] = note,
        }))
        {
            ProfessionalSessions.AssertRedirect(done, ProceduresUrl(situation), "marking a step done");
        }

        var stored = await app.InDatabaseAsync(db => db.ChecklistSteps.AsNoTracking().SingleAsync(s => s.Id == checklist.Steps[0].Id, Cancellation));
        Assert.DoesNotContain("Lina Dupont", Encoding.UTF8.GetString(stored.Note!), StringComparison.Ordinal);
        Assert.Equal(note, await DecryptAsync(stored.Note!, ProcedureColumns.Note(stored)));

        // Someone with the database copies the note onto a step of another situation's checklist, and marks it done.
        await app.InDatabaseAsync(async db =>
        {
            var moved = await db.ChecklistSteps.SingleAsync(s => s.Id == target.Steps[0].Id, Cancellation);
            moved.Note = stored.Note;
            db.Entry(moved).Property(s => s.Status).CurrentValue = ChecklistStepStatus.Done;
            db.Entry(moved).Property(s => s.DoneOn).CurrentValue = stored.DoneOn;
            await db.SaveChangesAsync(Cancellation);
        });

        var page = await lead.GetPageAsync(ProceduresUrl(other));
        var step = page.QuerySelector($"#etape-{target.Steps[0].Id}")!;
        Assert.DoesNotContain(note, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(Text("Step.Unreadable"), step.QuerySelector(".unreadable")?.TextContent);
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Unreadable && e.EntityType == nameof(Checklist) && e.EntityId == target.Id.ToString() && e.ActorId == situation.Opener.Id, Cancellation)));
    }

    [Fact]
    public async Task AKeyRotationReencryptsTheNotesAndReasonsAndTheyStillRead()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "parents");
        var (noteStep, reasonStep) = (checklist.Steps[0].Id, checklist.Steps[5].Id);
        using var lead = await app.SignInAsync(situation.Opener);
        using (await lead.PostFormAsync(StepUrl(situation, checklist, noteStep), new Dictionary<string, string?>
        {
            ["Done.On"] = Brussels.DayOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Done.Note"] = "Écouté sans juger.",
        }))
        using (await lead.PostFormAsync(StepUrl(situation, checklist, reasonStep), new Dictionary<string, string?> { ["NotApplicable.Reason"] = "Pas d'infraction." }, "form[action*='handler=NotApplicable']"))
        {
        }

        var before = await app.InDatabaseAsync(db => db.ChecklistSteps.AsNoTracking().Where(s => s.ChecklistId == checklist.Id && s.Status != ChecklistStepStatus.Open).ToListAsync(Cancellation));
        Assert.Equal(2, before.Count);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rotated = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Cancellation);
            Assert.True(rotated.ReencryptedByColumn["ChecklistSteps.Note"] >= 1);
            Assert.True(rotated.ReencryptedByColumn["ChecklistSteps.Reason"] >= 1);
            var after = await app.InDatabaseAsync(db => db.ChecklistSteps.AsNoTracking().Where(s => s.ChecklistId == checklist.Id && s.Status != ChecklistStepStatus.Open).ToListAsync(Cancellation));
            Assert.All(after, s => Assert.Equal(rotated.ActiveKeyId, FieldCipher.KeyIdOf((s.Note ?? s.Reason)!)));
        }

        var page = await lead.GetPageAsync(ProceduresUrl(situation));
        Assert.Equal("Écouté sans juger.", page.QuerySelector($"#etape-{noteStep} .step-text")?.TextContent);
        Assert.Equal("Pas d'infraction.", page.QuerySelector($"#etape-{reasonStep} .step-text")?.TextContent);
    }

    [Fact]
    public async Task ErasingAClosedSituationForgetsItsChecklistsNotesAndKeepsTheirSteps()
    {
        var closed = new DateTimeOffset(2033, 2, 14, 10, 0, 0, TimeSpan.Zero);
        var situation = await app.NewSituation(Declic).At(closed.AddMonths(-2)).ClosedAt(closed).SaveAsync();
        var checklist = await app.StartChecklistAsync(situation, situation.Opener, "school", closed.AddMonths(-1));
        var recordedOn = Brussels.DayOf(closed.AddMonths(-1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Cash.Web.Data.CashDbContext>();
            var texts = scope.ServiceProvider.GetRequiredService<ChecklistTexts>();
            var tracked = await db.Checklists.Include(c => c.Steps).SingleAsync(c => c.Id == checklist.Id, Cancellation);
            var (done, notApplicable) = (tracked.Steps.Single(s => s.Id == checklist.Steps[0].Id), tracked.Steps.Single(s => s.Id == checklist.Steps[3].Id));
            tracked.MarkDone(done.Id, recordedOn, await texts.SealNoteAsync(done, "Entendue, Lina a peur de la récré.", Cancellation), situation.Opener.Id, closed.AddMonths(-1));
            tracked.MarkNotApplicable(notApplicable.Id, await texts.SealReasonAsync(notApplicable, "Pas de PMS.", Cancellation), situation.Opener.Id, closed.AddMonths(-1));
            await db.SaveChangesAsync(Cancellation);
        }

        Assert.True(await app.Services.GetRequiredService<Cash.Web.Situations.RetentionJob>().EraseDueAsync(closed.AddMonths(24), Cancellation) >= 1);

        var steps = await app.InDatabaseAsync(db => db.ChecklistSteps.AsNoTracking().Where(s => s.ChecklistId == checklist.Id).ToListAsync(Cancellation));
        Assert.All(steps, s => Assert.True(s.Note is null && s.Reason is null));
        Assert.Equal((ChecklistStepStatus.Done, recordedOn), steps.Where(s => s.Id == checklist.Steps[0].Id).Select(s => (s.Status, s.DoneOn!.Value)).Single());
        Assert.Equal(ChecklistStepStatus.NotApplicable, steps.Single(s => s.Id == checklist.Steps[3].Id).Status);
        Assert.True(await LinesAsync(checklist.Id, AuditActions.Update) >= 2);
    }

    [Fact]
    public async Task StartingAndRecordingAreTheChecklistsAuditedWritesAndShowingANoteIsARead()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        using var lead = await app.SignInAsync(situation.Opener);
        using (var started = await lead.PostFormAsync(ProceduresUrl(situation), new Dictionary<string, string?> { ["Start.Template"] = "school" }))
        {
            ProfessionalSessions.AssertRedirect(started, ProceduresUrl(situation), "starting a checklist");
        }

        var checklist = await app.InDatabaseAsync(db => db.Checklists.AsNoTracking().Include(c => c.Steps).SingleAsync(c => c.SituationId == situation.Id, Cancellation));
        var first = checklist.Steps.Single(s => s.ProcedureStepId == checklist.Steps.Select(x => x.ProcedureStepId).First());
        Assert.Equal(0, await LinesAsync(checklist.Id, AuditActions.Read));
        using (var done = await lead.PostFormAsync(StepUrl(situation, checklist, first.Id), new Dictionary<string, string?>
        {
            ["Done.On"] = Brussels.DayOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Done.Note"] = "Fait.",
        }))
        {
            ProfessionalSessions.AssertRedirect(done, ProceduresUrl(situation), "marking a step done");
        }

        await lead.GetPageAsync(ProceduresUrl(situation));

        Assert.Equal(1, await LinesAsync(checklist.Id, AuditActions.Create));
        Assert.Equal(1, await LinesAsync(checklist.Id, AuditActions.Update));
        var read = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.Read && e.EntityId == checklist.Id.ToString()).ToListAsync(Cancellation));
        Assert.NotEmpty(read);
        Assert.All(read, e => Assert.Equal((situation.Opener.Id, nameof(Checklist)), (e.ActorId!.Value, e.EntityType)));
    }

    private static string ProceduresUrl(TestSituation situation) => $"/pro/situations/{situation.Id}/procedures";

    private static string StepUrl(TestSituation situation, Checklist checklist, Guid stepId) => $"/pro/situations/{situation.Id}/procedures/{checklist.Id}/etapes/{stepId}";

    private static string Text(string key, params object[] arguments)
    {
        var format = Texts.GetString(key, French) ?? throw new InvalidOperationException($"No procedures string '{key}'.");
        return arguments.Length == 0 ? format : string.Format(French, format, arguments);
    }

    private Task<int> LinesAsync(Guid id, string action) =>
        app.InDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.Action == action && e.EntityType == nameof(Checklist) && e.EntityId == id.ToString(), Cancellation));

    private async Task<IReadOnlyList<LateStep>> LateStepsOfAsync(TestProfessional person)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var professional = await scope.ServiceProvider.GetRequiredService<UserManager<Professional>>().FindByIdAsync(person.Id.ToString());
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Professional>>().CreateAsync(professional!);
        return await scope.ServiceProvider.GetRequiredService<LateSteps>().ForAsync(principal, "fr", 100, Cancellation);
    }

    private async Task<string> DecryptAsync(byte[] value, FieldBinding binding)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldCipher>().DecryptAsync(value, binding, Cancellation);
    }
}

public sealed class FollowingASeriousCaseProcedureOnSqlite(SqliteCashApp app) : FollowingASeriousCaseProcedureTests(app), IClassFixture<SqliteCashApp>;

public sealed class FollowingASeriousCaseProcedureOnPostgres(PostgresCashApp app) : FollowingASeriousCaseProcedureTests(app), IClassFixture<PostgresCashApp>;
