using Cash.Web.Data;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Cash.Web.Interventions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.BrowserTests;

/// <summary>
/// WCAG 2.1 AA as far as a machine can tell, on the interventions' pages: the month (a table of
/// weeks) and the list, planning one (also with its errors), an intervention as its organiser sees
/// it (invitations, cancelling) and as an invited service sees it (its answer), editing it and
/// writing its report; in French, Dutch and English.
/// </summary>
public sealed class CheckingTheInterventionPagesWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EveryInterventionPageHasNoViolations(string culture)
    {
        var organiser = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var invited = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "mediation-scolaire");
        var (coming, past) = await InterventionsAsync(organiser.Id);
        var month = coming.Day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, organiser, audit: false);
            string[] pages =
            [
                "/pro/interventions", $"/pro/interventions?mois={month}", "/pro/interventions?vue=liste", "/pro/interventions/nouvelle",
                $"/pro/interventions/{coming.Id}", $"/pro/interventions/{coming.Id}/modifier", $"/pro/interventions/{past.Id}/rapport",
            ];
            foreach (var path in pages)
            {
                await CheckAsync(session, path, culture, "organiser");
            }

            // The form sent empty: the error summary and the fields' errors.
            await session.GoToAsync(PublicPages.InCulture("/pro/interventions/nouvelle", culture));
            await session.Page.Locator("main form button[type='submit']").ClickAsync();
            await session.Page.Locator(".error-summary").WaitForAsync();
            await AxeAudit.AssertNoViolationsAsync(session.Page);
        }

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, invited, audit: false);
            await CheckAsync(session, $"/pro/interventions/{coming.Id}", culture, "invited");
        }
    }

    [Fact]
    public async Task OnASmallPhoneTheMonthIsAListThatFitsTheScreen()
    {
        var organiser = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var (coming, _) = await InterventionsAsync(organiser.Id);
        var month = coming.Day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await using var session = await site.OpenAsync(width: 320);
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, organiser, audit: false);

        Assert.Equal(200, await session.GoToAsync($"/pro/interventions?mois={month}"));
        Assert.False(await session.Page.Locator("#month").IsVisibleAsync());
        Assert.True(await session.Page.Locator($"#month-list a[href='/pro/interventions/{coming.Id}']").IsVisibleAsync());
        Assert.True(await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await AxeAudit.AssertNoViolationsAsync(session.Page);
        await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-interventions-month-fr-320.png"), FullPage = true });
    }

    private static async Task CheckAsync(BrowserSession session, string path, string culture, string who)
    {
        var status = await session.GoToAsync(PublicPages.InCulture(path, culture));
        Assert.True(status == 200, $"{path} answered {status}");
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        await AxeAudit.AssertNoViolationsAsync(session.Page);
        if (culture == "fr-BE")
        {
            var name = string.Join('-', path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => Guid.TryParse(p, out _) ? "id" : p));
            await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"{name}-{who}-fr-1280.png"), FullPage = true });
        }
    }

    /// <summary>One intervention in ten days, organised by Le Déclic with the mediation service invited, and one that took place last week.</summary>
    private async Task<(Intervention Coming, Intervention Past)> InterventionsAsync(Guid organiser)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<InterventionContent>();
        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        var school = db.Schools.Add(new School($"Athénée des interventions {Guid.NewGuid():N}"[..32], SchoolNetwork.Wbe, null)).Entity;
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var coming = new Intervention(Guid.CreateVersion7(), services["le-declic"], school.Id, null, organiser, now);
        coming.Schedule(school.Id, "3e B, 3e C", today.AddDays(10), new TimeOnly(9, 0), new TimeOnly(11, 0), "Théâtre-forum");
        coming.ChangePlan(await content.SealPlanAsync(coming, "Deux heures par classe, avec le professeur titulaire.", default));
        coming.Invite(services["mediation-scolaire"], now);
        var past = new Intervention(Guid.CreateVersion7(), services["le-declic"], school.Id, null, organiser, now);
        past.Schedule(school.Id, "5e A", today.AddDays(-7), new TimeOnly(13, 30), new TimeOnly(15, 0), null);
        db.Interventions.AddRange(coming, past);
        await db.SaveChangesAsync();
        return (coming, past);
    }
}
