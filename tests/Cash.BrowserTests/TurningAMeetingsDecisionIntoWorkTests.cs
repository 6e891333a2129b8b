using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Procedures;
using Cash.Web.Domain.Situations;
using Cash.Web.PartnerServices;
using Cash.Web.Procedures;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// Issue 11's journey in Chromium: a coordinator plans a case consultation, puts a situation on its
/// agenda by its reference and records a decision for the PMS Libre 1 that becomes a task in one step;
/// a member of the PMS, with the keyboard alone, finds it on the dashboard and in "my tasks", marks it
/// done, and the dashboard no longer lists it. Then a situation following the school directors'
/// procedure with a late step shows that step first; and the dashboard with something in every
/// section passes axe in French, Dutch and English. Every page of the journey is checked with axe.
/// </summary>
public sealed class TurningAMeetingsDecisionIntoWorkTests(CashSite site)
{
    private const string CoordinatorService = "egalite-des-chances";
    private const string Pms = "cpms-libre-mouscron-1";

    [Fact]
    public async Task ADecisionBecomesATaskThePmsClosesWithTheKeyboardAndTheDashboardFollows()
    {
        var coordinator = await ProJourney.CreateEnrolledAsync(site, ProRole.Coordinator, CoordinatorService);
        var pmsMember = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, Pms);
        var reference = await SituationAsync(coordinator.Id, CoordinatorService);
        var names = await ServiceNamesAsync();
        var unique = Guid.NewGuid().ToString("N")[..6];
        var meetingTitle = $"Concertation de cas ({unique})";
        var decisionText = $"Rencontrer la direction de l'école ({unique})";
        var today = Brussels.DayOf(DateTimeOffset.UtcNow);

        // The coordinator plans the meeting for today (so it has started and decisions can be recorded).
        await using var office = await site.OpenAsync();
        var page = office.Page;
        await office.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, page, coordinator, audit: false);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = ProJourney.Text(site, "Nav.Meetings"), Exact = true }).ClickAsync();
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = M("Index.New"), Exact = true }).ClickAsync();
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = M("Kind.CaseConsultation"), Exact = true }).CheckAsync();
        await page.GetByLabel(M("Form.Title.Label"), new() { Exact = true }).FillAsync(meetingTitle);
        await page.GetByLabel(M("Form.Day.Label"), new() { Exact = true }).FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel(M("Form.Start.Label"), new() { Exact = true }).FillAsync("00:00");
        await page.GetByLabel(M("Form.End.Label"), new() { Exact = true }).FillAsync("23:59");
        await page.GetByLabel(M("Form.Place.Label"), new() { Exact = true }).FillAsync("Hôtel de ville, salle 2");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = names[CoordinatorService], Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = names[Pms], Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = M("New.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync(M("Done.creee"));
        // Started already: each invited service has its attendance to record.
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = names[Pms], Exact = true })).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(page);

        // The PMS is invited at its address, with the meeting in an .ics file.
        var pmsAddress = await ServiceAddressAsync(Pms);
        var invitation = await site.Mail.WaitForMessageAsync(
            m => m.To.Mailboxes.Any(a => a.Address == pmsAddress) && m.Attachments.OfType<MimePart>().Any(a => a.ContentType.MimeType == "text/calendar" && TextOf(a).Contains(unique, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(meetingTitle, invitation.TextBody ?? "", StringComparison.Ordinal);

        // An agenda item about the situation, by its reference.
        await page.GetByLabel(M("Agenda.Title.Label"), new() { Exact = true }).FillAsync("Point sur une situation suivie");
        await page.GetByLabel(M("Agenda.Situation.Label"), new() { Exact = true }).FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = M("Agenda.Add.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync(M("Done.point"));
        await Expect(page.Locator("#agenda .agenda-situation")).ToContainTextAsync(reference);

        // A decision for the PMS, due today, then a task in one step.
        await page.GetByLabel(M("Decision.Text.Label"), new() { Exact = true }).FillAsync(decisionText);
        await page.GetByRole(AriaRole.Radio, new() { Name = names[Pms], Exact = true }).CheckAsync();
        await page.GetByLabel(M("Decision.DueOn.Label"), new() { Exact = true }).FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = M("Decisions.Add.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync(M("Done.decision"));
        var decision = page.Locator("#decisions li").Filter(new() { HasText = decisionText });
        await decision.GetByRole(AriaRole.Button, new() { Name = M("Decisions.MakeTask"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync(M("Done.tache"));
        await Expect(decision.Locator(".decision-task")).ToHaveTextAsync(M("Decisions.IsTask"));
        await AxeAudit.AssertNoViolationsAsync(page);

        // The PMS's member, keyboard only: the dashboard lists it, "my tasks" too; it is marked done.
        await using var pms = await site.OpenAsync();
        var other = pms.Page;
        await pms.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, other, pmsMember, audit: false);
        var dueToday = other.Locator("#dashboard-tasks");
        await Expect(dueToday.Locator(".count")).ToHaveTextAsync("1");
        await Expect(dueToday.GetByRole(AriaRole.Link, new() { Name = decisionText, Exact = true })).ToBeVisibleAsync();
        await Expect(other.Locator("#dashboard-meeting")).ToContainTextAsync(meetingTitle);
        await AxeAudit.AssertNoViolationsAsync(other);

        await KeyboardOnly.ActivateAsync(other, other.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = ProJourney.Text(site, "Nav.Tasks"), Exact = true }));
        await ProJourney.ExpectHeadingAsync(other, T("List.Title"));
        await AxeAudit.AssertNoViolationsAsync(other);
        await KeyboardOnly.ActivateAsync(other, other.Locator("#open-tasks").GetByRole(AriaRole.Link, new() { Name = decisionText, Exact = true }));
        await Expect(other.Locator("#task-title")).ToHaveTextAsync(decisionText);
        await AxeAudit.AssertNoViolationsAsync(other);
        await KeyboardOnly.ActivateAsync(other, other.GetByRole(AriaRole.Button, new() { Name = T("Details.Done.Submit"), Exact = true }));
        await Expect(Notice(other)).ToHaveTextAsync(T("Details.Done.Done"));
        await Expect(other.Locator("#task-status")).ToContainTextAsync(T("Status.Done"));

        await KeyboardOnly.ActivateAsync(other, other.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = ProJourney.Text(site, "Nav.Home"), Exact = true }));
        await ProJourney.ExpectDashboardAsync(site, other, pmsMember);
        await Expect(dueToday.Locator(".count")).ToHaveTextAsync("0");
        await Expect(dueToday).ToContainTextAsync(ProJourney.Text(site, "Home.Tasks.None"));
    }

    [Fact]
    public async Task TheDirectorsProcedureOnASituationShowsItsLateStepFirst()
    {
        // A service no other browser test uses: the run shares one application, and the dashboard lists five late steps.
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "cpms-specialise-tremplin");
        var (situationId, lateStepTitle) = await SituationFollowingTheSchoolProcedureAsync(member.Id, "cpms-specialise-tremplin");

        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, member, audit: false);
        await Expect(session.Page.Locator("#dashboard-steps")).ToContainTextAsync(lateStepTitle);
        await session.Page.Locator("#dashboard-steps").GetByRole(AriaRole.Link).Filter(new() { HasText = lateStepTitle }).ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/pro/situations/{situationId}/procedures"));
        var first = session.Page.Locator(".checklist-step").First;
        await Expect(first).ToHaveAttributeAsync("data-late", "true");
        await Expect(first.Locator(".checklist-step-title")).ToContainTextAsync(lateStepTitle);
        await Expect(first.Locator(".badge-late")).ToHaveTextAsync(ProJourney.Text<ProcedureTexts>(site, "Step.Late"));
        await Expect(session.Page.Locator(".checklist-step[data-late=true]")).ToHaveCountAsync(1);
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheDashboardWithSomethingInEverySectionHasNoViolations(string culture)
    {
        // A service no other browser test gives tasks to, so that the count is this member's alone.
        const string service = "cpms-wbe-artem";
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, service);
        await SituationFollowingTheSchoolProcedureAsync(member.Id, service);
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
            var serviceId = await db.PartnerServices.Where(s => s.Slug == service).Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
            var now = DateTimeOffset.UtcNow;
            var today = Brussels.DayOf(now);
            await Cash.Web.Tasks.TaskWriter.NewAsync(db, cipher, "Rappeler l'école", serviceId, member.Id, today.AddDays(-2), null, null, member.Id, serviceId, now, TestContext.Current.CancellationToken);
            await Cash.Web.Tasks.TaskWriter.NewAsync(db, cipher, "Envoyer le courrier", serviceId, member.Id, today, null, null, member.Id, serviceId, now, TestContext.Current.CancellationToken);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, member, audit: false);
        Assert.Equal(200, await session.GoToAsync(PublicPages.InCulture("/pro", culture)));
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        await Expect(session.Page.Locator("#dashboard-tasks .count")).ToHaveTextAsync("2");
        await AxeAudit.AssertNoViolationsAsync(session.Page);
        if (culture == "fr-BE")
        {
            await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-dashboard-member-fr-1280.png"), FullPage = true });
        }
    }

    private static ILocator Notice(IPage page) => page.Locator("main [role=status]");

    private string M(string key) => ProJourney.Text<MeetingTexts>(site, key);

    private string T(string key) => ProJourney.Text<TaskTexts>(site, key);

    private async Task<Dictionary<string, string>> ServiceNamesAsync()
    {
        using var scope = site.Services.CreateScope();
        var directory = await scope.ServiceProvider.GetRequiredService<PartnerDirectoryCache>().GetAsync(default);
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var ids = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        return ids.ToDictionary(pair => pair.Key, pair => directory.NameOf(pair.Value, "fr") ?? pair.Key);
    }

    private static string TextOf(MimePart part)
    {
        using var bytes = new MemoryStream();
        part.Content?.DecodeTo(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    private async Task<string> ServiceAddressAsync(string slug)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        return await db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Email).SingleAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A situation of <paramref name="serviceSlug"/>, opened by <paramref name="opener"/>; its reference.</summary>
    private async Task<string> SituationAsync(Guid opener, string serviceSlug)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var situations = scope.ServiceProvider.GetRequiredService<SituationContent>();
        var service = await db.PartnerServices.Where(s => s.Slug == serviceSlug).Select(s => s.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), service, opener, SituationChannel.School, Severity.Repeated, now);
        situation.Summary = await situations.SealSummaryAsync(situation, "Des moqueries répétées en classe.", default);
        db.Situations.Add(situation);
        await db.SaveChangesAsync();
        return situation.Reference;
    }

    /// <summary>
    /// A situation of <paramref name="serviceSlug"/> following the school directors' procedure, started
    /// four working weeks ago with every step done but one with a deadline: that one is late. Its id and
    /// that step's title.
    /// </summary>
    private async Task<(Guid Situation, string LateStep)> SituationFollowingTheSchoolProcedureAsync(Guid opener, string serviceSlug)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var service = await db.PartnerServices.Where(s => s.Slug == serviceSlug).Select(s => s.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), service, opener, SituationChannel.School, Severity.Serious, now.AddDays(-30));
        situation.Summary = await cipher.EncryptAsync("Des coups à la sortie de l'école.", SituationColumns.Summary(situation.Id));
        db.Situations.Add(situation);

        var version = await db.ProcedureVersions.AsNoTracking().Include(v => v.Steps)
            .Where(v => v.PublishedAt != null && db.ProcedureTemplates.Any(t => t.Id == v.TemplateId && t.Key == ProcedureSeeder.SchoolKey))
            .OrderByDescending(v => v.Number).FirstAsync();
        var checklist = new Checklist(Guid.CreateVersion7(), situation.Id, version, opener, service, now.AddDays(-30));
        var late = version.Steps.OrderBy(s => s.Position).Last(s => s.DeadlineDays is not null && s.DeadlineFrom == DeadlineStart.ChecklistStart);
        foreach (var step in checklist.Steps.Where(s => s.ProcedureStepId != late.Id))
        {
            checklist.MarkDone(step.Id, DateOnly.FromDateTime(now.AddDays(-29).UtcDateTime), await cipher.EncryptAsync("Fait.", ProcedureColumns.Note(step)), opener, now);
        }

        db.Checklists.Add(checklist);
        await db.SaveChangesAsync();
        return (situation.Id, late.Title.In("fr"));
    }
}
