using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Prevention;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The prevention pages in Chromium: the list, recording an action (also with its errors), an action
/// and its edit form, the coverage of the schools, each free of axe violations in French, Dutch and
/// English; and a member who records a class workshop, after which the coverage shows the school reached.
/// </summary>
public sealed class CheckingThePreventionPagesWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EveryPreventionPageHasNoViolations(string culture)
    {
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var (school, _) = await SchoolAsync("Athénée de la prévention");
        var action = await ActionAsync(member.Id, school);

        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, member, audit: false);
        foreach (var path in new[] { "/pro/prevention", "/pro/prevention/nouvelle", $"/pro/prevention/{action}", $"/pro/prevention/{action}/modifier", "/pro/prevention/couverture" })
        {
            var status = await session.GoToAsync(PublicPages.InCulture(path, culture));
            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
        }

        // The form sent empty: the error summary and the fields' errors.
        await session.GoToAsync(PublicPages.InCulture("/pro/prevention/nouvelle", culture));
        await session.Page.Locator("main form button[type='submit']").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    [Fact]
    public async Task AMemberRecordsAClassWorkshopAndTheCoverageShowsTheSchoolReached()
    {
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var (school, name) = await SchoolAsync("École du Tuquet");
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, page, member, audit: false);

        // Not reached yet this school year.
        await session.GoToAsync("/pro/prevention/couverture");
        await Expect(page.Locator($"#coverage tr[data-school='{school}'] strong")).ToHaveTextAsync("0");

        await page.Locator("main nav, .main-nav").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Prévention", Exact = true }).ClickAsync();
        await page.Locator("#new-action").ClickAsync();
        await page.Locator("input[name='Input.Kind'][value='ClassWorkshop']").CheckAsync();
        await page.Locator("input[name='Input.Themes'][value='OnlineSafety']").CheckAsync();
        await page.Locator("#Input_Day").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"input[name='Input.Schools'][value='{school}']").CheckAsync();
        await page.Locator("#Input_Classes").FillAsync("5e A");
        await page.Locator("#Input_Reached").FillAsync("24");
        await page.Locator("#Input_ToolName").FillAsync("Jeu de cartes");
        await page.Locator("main form button[type='submit']").ClickAsync();

        await Expect(page.Locator("#reached")).ToHaveTextAsync("24");
        await Expect(page.Locator("#schools")).ToContainTextAsync(name);

        await session.GoToAsync("/pro/prevention/couverture");
        var row = page.Locator($"#coverage tr[data-school='{school}']");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("24");
        await Expect(row).ToContainTextAsync("Sécurité en ligne");
        await AxeAudit.AssertNoViolationsAsync(page);

        // On paper: the navigation, the filters and the links left out, the table within an A4 page (210 mm less 2 × 12 mm of margins, about 703 CSS pixels).
        await page.SetViewportSizeAsync(703, 1000);
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await Expect(page.Locator(".main-nav")).ToBeHiddenAsync();
        await Expect(page.Locator("form.filters")).ToBeHiddenAsync();
        await Expect(page.Locator("#csv")).ToBeHiddenAsync();
        await Expect(page.Locator("#coverage")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('#coverage').getBoundingClientRect().right <= document.documentElement.clientWidth"), "the table fits the page's width");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "nothing is wider than the page");
    }

    private async Task<(int Id, string Name)> SchoolAsync(string name)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var school = db.Schools.Add(new School($"{name} {Guid.NewGuid():N}"[..(name.Length + 7)], SchoolNetwork.Libre, null)).Entity;
        await db.SaveChangesAsync();
        return (school.Id, school.Name);
    }

    /// <summary>An action Le Déclic ran with the mediation service yesterday.</summary>
    private async Task<Guid> ActionAsync(Guid by, int school)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        var action = new PreventionAction(Guid.CreateVersion7(), services["le-declic"], by, DateTimeOffset.UtcNow);
        action.Describe(PreventionKind.ParentsSession, PreventionThemes.Bullying | PreventionThemes.RightsAndLaw, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
            [school], "Parents de 1re", 30, [services["mediation-scolaire"]], "Brochure", "Une soirée d'échanges.", "Une deuxième soirée en mai.");
        db.PreventionActions.Add(action);
        await db.SaveChangesAsync();
        return action.Id;
    }
}
