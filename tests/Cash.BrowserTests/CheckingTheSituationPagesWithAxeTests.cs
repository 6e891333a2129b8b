using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.BrowserTests;

/// <summary>
/// WCAG 2.1 AA as far as a machine can tell, on the situation pages a member of the lead service
/// opens every day (the list, opening one — also with its errors —, the situation, its details and
/// people), on the same situation as a service that joined it without consent to identities sees it
/// (pseudonyms only, no lead actions), and on the metadata a coordinator whose service is not
/// involved sees; in French, Dutch and English.
/// </summary>
public sealed class CheckingTheSituationPagesWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EverySituationPageHasNoViolations(string culture)
    {
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var partner = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "mediation-scolaire");
        var coordinator = await ProJourney.CreateEnrolledAsync(site, ProRole.Coordinator, "egalite-des-chances");
        var (situation, person) = await SituationAsync(member.Id);

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, member, audit: false);
            string[] pages =
            [
                "/pro/situations", "/pro/situations?action=1", "/pro/situations/nouvelle", $"/pro/situations/{situation}",
                $"/pro/situations/{situation}/modifier", $"/pro/situations/{situation}/personnes/ajouter", $"/pro/situations/{situation}/personnes/{person}",
            ];
            foreach (var path in pages)
            {
                await CheckAsync(session, path, culture, "member");
            }

            // The form sent empty: the error summary and the fields' errors.
            await session.GoToAsync(PublicPages.InCulture("/pro/situations/nouvelle", culture));
            await session.Page.Locator("main form button[type='submit']").ClickAsync();
            await session.Page.Locator(".error-summary").WaitForAsync();
            await AxeAudit.AssertNoViolationsAsync(session.Page);
            if (culture == "fr-BE")
            {
                await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-situations-nouvelle-errors-fr-1280.png"), FullPage = true });
            }
        }

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, partner, audit: false);
            await CheckAsync(session, $"/pro/situations/{situation}", culture, "involved");
            await CheckAsync(session, $"/pro/situations/{situation}/personnes/{person}", culture, "involved");
        }

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, coordinator, audit: false);
            await CheckAsync(session, $"/pro/situations/{situation}", culture, "coordinator");
        }
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

    /// <summary>A situation led by Le Déclic, shared with the mediation service, with a person whose identity the lead sees.</summary>
    private async Task<(Guid Situation, Guid Person)> SituationAsync(Guid openedBy)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<SituationContent>();
        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        var now = DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), services["le-declic"], openedBy, SituationChannel.Phone, Severity.Serious, now)
        {
            OutsideSchool = true,
            Forms = BullyingForm.Verbal | BullyingForm.Cyber,
            HappensOnline = true,
            Since = Duration.Months,
        };
        situation.Summary = await content.SealSummaryAsync(situation, "Messages insultants sur un groupe de classe, depuis la rentrée.", default);
        situation.Involve(services["mediation-scolaire"], InvolvementTier.Pseudonyms, Guid.NewGuid(), now);
        var person = new InvolvedPerson(Guid.CreateVersion7(), situation.Id, PersonRole.TargetedYoungPerson, now) { AgeBand = AgeBand.From13To15, Age = 14 };
        person.Pseudonym = await content.SealPseudonymAsync(person, "N.", default);
        person.Identity = await content.SealIdentityAsync(person, new PersonIdentity("Nora", "D.", null, "0470 00 00 00", null), default);
        db.Situations.Add(situation);
        db.InvolvedPeople.Add(person);
        await db.SaveChangesAsync();
        return (situation.Id, person.Id);
    }
}
