using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Domain.Tasks;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// Issue 11's tasks in Chromium: a member of Le Déclic gives the mediation service a task on a situation
/// both work on, "within 2 working days", from the situation's page; a member of the mediation service
/// finds it in "my tasks" and marks it done; Le Déclic sees it done on the situation. With JavaScript on
/// and off.
/// </summary>
public sealed class TrackingATaskOnASituationTests(CashSite site)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ATaskGivenToAnotherServiceOnASituationIsDoneThereAndSeenDone(bool javaScript)
    {
        var title = $"Rencontrer la classe de A. B. ({Guid.NewGuid().ToString("N")[..6]})";
        var declicMember = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var mediationMember = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "mediation-scolaire");
        var situationId = await SeedAsync(declicMember.Id);

        await using var declic = await site.OpenAsync(javaScript);
        await declic.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, declic.Page, declicMember, audit: false);
        var page = declic.Page;
        await declic.GoToAsync($"/pro/situations/{situationId}");
        await page.GetByRole(AriaRole.Link, new() { Name = K("Situation.Tasks.New"), Exact = true }).ClickAsync();

        await page.GetByLabel(K("Task.Title.Label"), new() { Exact = true }).FillAsync(title);
        await page.GetByLabel(K("Task.Service.Label"), new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Service de Médiation Scolaire Wallonie" });
        await page.GetByRole(AriaRole.Radio, new() { Name = K("Task.Due.WorkingDays"), Exact = true }).CheckAsync();
        await page.GetByLabel(K("Task.WorkingDays.Label"), new() { Exact = true }).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = K("New.Submit"), Exact = true }).ClickAsync();

        var due = WorkTask.DueAfterWorkingDays(Brussels.DayOf(DateTimeOffset.UtcNow), 2).ToString("D", CultureInfo.GetCultureInfo("fr-BE"));
        await Expect(Notice(page)).ToHaveTextAsync(K("Details.Done.CreatedDue", due));
        await Expect(page.Locator("#task-title")).ToHaveTextAsync(title);
        await Expect(page.Locator("#task-due")).ToHaveTextAsync(due);

        // The mediation service finds it in its own list, given to the whole service, and marks it done.
        await using var mediation = await site.OpenAsync(javaScript);
        await mediation.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, mediation.Page, mediationMember, audit: false);
        var other = mediation.Page;
        await other.GetByRole(AriaRole.Link, new() { Name = ProJourney.Text(site, "Nav.Tasks"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(other, K("List.Title"));
        await other.Locator("#open-tasks").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = K("Details.Done.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(other)).ToHaveTextAsync(K("Details.Done.Done"));
        await Expect(other.Locator("#task-status")).ToContainTextAsync(K("Status.Done"));

        // Le Déclic sees it done on the situation.
        await declic.GoToAsync($"/pro/situations/{situationId}");
        await Expect(page.Locator("#tasks li").Filter(new() { HasText = title })).ToContainTextAsync(K("Status.Done"));
    }

    private static ILocator Notice(IPage page) => page.Locator("main [role=status]");

    private string K(string key, params object[] arguments) => ProJourney.Text<TaskTexts>(site, key, arguments);

    /// <summary>A situation of Le Déclic opened by <paramref name="opener"/>, the mediation service involved.</summary>
    private async Task<Guid> SeedAsync(Guid opener)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        var now = DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), services["le-declic"], opener, SituationChannel.School, Severity.Repeated, now);
        situation.Summary = await cipher.EncryptAsync("Des moqueries en classe.", SituationColumns.Summary(situation.Id));
        situation.Involve(services["mediation-scolaire"], InvolvementTier.Pseudonyms, Guid.NewGuid(), now);
        db.Situations.Add(situation);
        await db.SaveChangesAsync();
        return situation.Id;
    }
}
