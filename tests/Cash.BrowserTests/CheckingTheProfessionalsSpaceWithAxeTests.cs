using Cash.Web.Data;
using Cash.Web.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.BrowserTests;

/// <summary>
/// WCAG 2.1 AA as far as a machine can tell, on every page of the professionals' space an
/// administrator can open, in French, Dutch and English, with the language of the text right.
/// </summary>
public sealed class CheckingTheProfessionalsSpaceWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EveryPageAnAdministratorOpensHasNoViolations(string culture)
    {
        var admin = await ProJourney.CreateEnrolledAsync(site, ProRole.Administrator);
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        int declic;
        using (var scope = site.Services.CreateScope())
        {
            declic = await scope.ServiceProvider.GetRequiredService<CashDbContext>().PartnerServices.Where(s => s.Slug == "le-declic").Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, admin, audit: false);

        string[] pages =
        [
            "/pro", "/pro/compte", "/pro/confirmer", "/pro/admin/services", $"/pro/admin/services/{declic}",
            "/pro/admin/personnes", "/pro/admin/personnes/inviter", $"/pro/admin/personnes/{member.Id}", "/pro/admin/journal",
        ];
        foreach (var path in pages)
        {
            var status = await session.GoToAsync(PublicPages.InCulture(path, culture));

            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
            if (culture == "fr-BE")
            {
                // Kept as artefacts, to be looked at: every administration page at desktop width.
                var name = "pro" + path["/pro".Length..].Replace(member.Id.ToString(), "person", StringComparison.Ordinal).Replace('/', '-');
                await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"{name}-fr-1280.png"), FullPage = true });
            }
        }
    }

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheSignInPagesHaveNoViolations(string culture)
    {
        await using var session = await site.OpenAsync();

        foreach (var path in new[] { "/pro/connexion", "/pro/invitation/not-a-real-token" })
        {
            await session.GoToAsync(PublicPages.InCulture(path, culture));

            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
        }
    }
}
