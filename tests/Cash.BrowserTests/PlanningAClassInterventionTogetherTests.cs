using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// Issue 11's joint interventions in Chromium: a member of Le Déclic plans a
/// class workshop in a school and invites the mediation service; a member of the mediation service
/// confirms and names who comes; Le Déclic, once it has taken place, reports on it (pupils reached,
/// what was done, follow-up) and both services read the report. Every page checked with axe.
/// </summary>
public sealed class PlanningAClassInterventionTogetherTests(CashSite site)
{
    [Fact]
    public async Task TwoServicesPlanAWorkshopTogetherAndTheOrganiserReportsOnIt()
    {
        var organiser = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var partner = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "mediation-scolaire");
        var (school, mediation) = await SchoolAndMediationAsync();
        var unique = Guid.NewGuid().ToString("N")[..6];
        var classes = $"2e A, 2e B ({unique})";
        var today = Brussels.DayOf(DateTimeOffset.UtcNow);

        // Planned for today from midnight, so that it has started and can be reported on in this test.
        await using var declic = await site.OpenAsync();
        var page = declic.Page;
        await declic.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, page, organiser, audit: false);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = I("Nav.Interventions"), Exact = true }).ClickAsync();
        await AxeAudit.AssertNoViolationsAsync(page);
        await declic.GoToAsync("/pro/interventions/nouvelle");
        await page.GetByLabel(I("Form.School"), new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = school });
        await page.GetByLabel(I("Form.Classes"), new() { Exact = true }).FillAsync(classes);
        await page.GetByLabel(I("Form.Day"), new() { Exact = true }).FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel(I("Form.Start"), new() { Exact = true }).FillAsync("00:00");
        await page.GetByLabel(I("Form.End"), new() { Exact = true }).FillAsync("23:59");
        await page.GetByLabel(I("Form.Tool"), new() { Exact = true }).FillAsync("Théâtre-forum");
        await page.GetByLabel(I("Form.Plan"), new() { Exact = true }).FillAsync("Deux heures par classe, puis un temps avec les enseignants.");
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = I("New.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync(I("Done.creee"));
        var interventionUrl = page.Url.Split('?')[0];

        await page.GetByRole(AriaRole.Checkbox, new() { Name = mediation, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = I("Invite.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync(I("Done.invites"));
        await Expect(page.Locator("#services")).ToContainTextAsync(mediation);
        await AxeAudit.AssertNoViolationsAsync(page);

        // The mediation service confirms, naming its member who comes.
        await using var other = await site.OpenAsync();
        var theirs = other.Page;
        await other.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, theirs, partner, audit: false);
        await Expect(theirs.Locator("#dashboard-interventions")).ToContainTextAsync(school);
        await theirs.GotoAsync(interventionUrl);
        await theirs.GetByRole(AriaRole.Radio, new() { Name = I("Answer.Confirm"), Exact = true }).CheckAsync();
        await theirs.GetByRole(AriaRole.Checkbox, new() { Name = partner.DisplayName, Exact = true }).CheckAsync();
        await theirs.GetByRole(AriaRole.Button, new() { Name = I("Answer.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(theirs)).ToHaveTextAsync(I("Done.confirmee"));
        await Expect(theirs.Locator("#services tr").Filter(new() { HasText = mediation })).ToContainTextAsync(partner.DisplayName);
        await AxeAudit.AssertNoViolationsAsync(theirs);

        // Le Déclic reports on it; both read the report.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = I("Details.WriteReport"), Exact = true }).ClickAsync();
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByLabel(I("Report.Pupils"), new() { Exact = true }).FillAsync("46");
        await page.GetByLabel(I("Report.WhatWasDone"), new() { Exact = true }).FillAsync($"Théâtre-forum dans les deux classes ({unique}).");
        await page.GetByLabel(I("Report.FollowUp"), new() { Exact = true }).FillAsync("Revoir la 2e B dans un mois.");
        await page.GetByLabel(I("Report.Day"), new() { Exact = true }).FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = I("Report.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync(I("Done.rapport"));
        await Expect(page.Locator("#report")).ToContainTextAsync(unique);
        await AxeAudit.AssertNoViolationsAsync(page);

        await theirs.ReloadAsync();
        await Expect(theirs.Locator("#report")).ToContainTextAsync(unique);
        await Expect(theirs.Locator("#report")).ToContainTextAsync("Revoir la 2e B dans un mois.");
    }

    private static ILocator Notice(IPage page) => page.Locator("main [role=status]");

    private string I(string key) => ProJourney.Text<InterventionTexts>(site, key);

    /// <summary>A school of its own for this test, and the mediation service's name as the pages show it.</summary>
    private async Task<(string School, string Mediation)> SchoolAndMediationAsync()
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var name = $"Institut de l'atelier {Guid.NewGuid():N}"[..30];
        db.Schools.Add(new School(name, SchoolNetwork.Libre, null));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var directory = await scope.ServiceProvider.GetRequiredService<PartnerDirectoryCache>().GetAsync(TestContext.Current.CancellationToken);
        var mediation = await db.PartnerServices.Where(s => s.Slug == "mediation-scolaire").Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
        return (name, directory.NameOf(mediation, "fr") ?? throw new InvalidOperationException("The mediation service has no name."));
    }
}
