using Cash.Web.Domain.People;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The network's supports at <c>/ressources</c>: the index and every resource page checked with axe
/// in French, Dutch and English, with the language of the text right; and every PDF link the pages
/// offer answers a PDF file; the coordinators' pages for the texts, a preview and a refused save too.
/// </summary>
public sealed class CheckingThePublicResourcesWithAxeTests(CashSite site)
{
    private static readonly string[] Paths =
    [
        "/ressources",
        "/ressources/procedure-ecole",
        "/ressources/procedure-parents",
        "/ressources/affiche",
        "/ressources/fiche-journal-de-classe",
    ];

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EveryResourcePageHasNoViolationsAndEachPdfLinkAnswersAPdf(string culture)
    {
        await using var session = await site.OpenAsync();
        var links = new HashSet<string>(StringComparer.Ordinal);

        foreach (var path in Paths)
        {
            var status = await session.GoToAsync(PublicPages.InCulture(path, culture));

            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
            foreach (var href in await session.Page.Locator("main .pdf-links a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                links.Add(href);
            }
        }

        // Two procedures in A4, the poster in A4 and A3, the sheet in A5 and A6.
        Assert.Equal(6, links.Count);
        foreach (var link in links)
        {
            var response = await session.Context.APIRequest.GetAsync(new Uri(site.BaseAddress, link).ToString());
            Assert.True(response.Status == 200, $"{link} answered {response.Status}");
            Assert.Equal("application/pdf", response.Headers["content-type"]);
            var body = await response.BodyAsync();
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(body, 0, 5), StringComparison.Ordinal);
            if (culture == "fr-BE")
            {
                // Kept with the screenshots, for a person to look at the print files.
                var name = link.Split('?')[0].Replace("/ressources/imprimer/", "", StringComparison.Ordinal).Replace('/', '-');
                await File.WriteAllBytesAsync(Path.Combine(Screenshots.Folder, $"resource-{name}.pdf"), body, TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task APrintedResourcePageLeavesTheNavigationAndTheQuickExitButtonOut()
    {
        await using var session = await site.OpenAsync();
        await session.GoToAsync("/ressources/fiche-journal-de-classe");
        await Expect(session.Page.Locator("[data-quick-exit]")).ToBeVisibleAsync();

        await session.Page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(session.Page.Locator("[data-quick-exit]")).ToBeHiddenAsync();
        await Expect(session.Page.Locator("nav.main-nav")).ToBeHiddenAsync();
        await Expect(session.Page.Locator("main .pdf-links").First).ToBeHiddenAsync();
        await Expect(session.Page.Locator("#resource-title")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("#service-le-declic")).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheTextsTheirFormAPreviewAndARefusalHaveNoViolations(string culture)
    {
        var coordinator = await ProJourney.CreateEnrolledAsync(site, ProRole.Coordinator, "egalite-des-chances");
        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, coordinator, audit: false);

        foreach (var path in new[] { $"/pro/publications?culture={culture}", $"/pro/publications/fiche-journal-de-classe/nl?culture={culture}" })
        {
            var status = await session.GoToAsync(path);
            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
        }

        await session.Page.Locator("main form button[formaction*='handler=Preview']").ClickAsync();
        await session.Page.Locator(".preview").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);

        await session.Page.Locator("textarea[name='Input.Markdown']").FillAsync("");
        await session.Page.Locator("main form button[type=submit]").First.ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);
        if (culture == "fr-BE")
        {
            await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-publications-edit-error-fr-1280.png"), FullPage = true });
        }
    }
}
