using System.Text;
using Cash.Web.Domain.People;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The schools administration as an administrator meets it: no axe violations on the list, the
/// form with errors and the import preview (in French, Dutch and English), a school added with
/// the keyboard alone, and the list and preview at phone width kept as screenshots.
/// </summary>
public sealed class AdministeringSchoolsInTheBrowserTests(CashSite site)
{
    private const int MaxTabs = 40;

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheSchoolPagesHaveNoViolations(string culture)
    {
        var admin = await ProJourney.CreateEnrolledAsync(site, ProRole.Administrator);
        await using var session = await site.OpenAsync(width: 360);
        var page = session.Page;
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, page, admin, audit: false);
        var shots = culture == "fr-BE";

        // The preview of a file with a problem, then of a good one.
        var tag = Guid.NewGuid().ToString("N")[..6];
        await session.GoToAsync(PublicPages.InCulture("/pro/admin/ecoles/importer", culture));
        await AxeAudit.AssertNoViolationsAsync(page);
        if (shots)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-admin-ecoles-importer-fr-360.png"), FullPage = true });
        }

        await UploadAsync(page, $"nom;reseau;centre_pms;adresse\nÉcole Exemple {tag};inconnu;;\n");
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#problems tbody tr")).ToHaveCountAsync(1);
        await AxeAudit.AssertNoViolationsAsync(page);

        await UploadAsync(page, $"nom;reseau;centre_pms;adresse\nÉcole Exemple {tag};libre;cpms-libre-mouscron-1;Rue de l’Exemple 1, 7700 Mouscron\nInstitut Exemple {tag};spécialisé;cpms-specialise-tremplin;\n");
        await Expect(page.Locator("main tbody tr[data-change]")).ToHaveCountAsync(2);
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        await AxeAudit.AssertNoViolationsAsync(page);
        if (shots)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-admin-ecoles-preview-fr-360.png"), FullPage = true });
        }

        await page.Locator("form:has(input[name='Payload']) button[type='submit']").ClickAsync();
        await Expect(page.Locator("main .notice")).ToBeVisibleAsync();
        await Expect(page.Locator("main tbody th", new() { HasText = $"Institut Exemple {tag}" })).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(page);
        if (shots)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-admin-ecoles-fr-360.png"), FullPage = true });
        }

        // The form with errors: every field wrong at once.
        await session.GoToAsync(PublicPages.InCulture("/pro/admin/ecoles/nouvelle", culture));
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page.Locator(".error-summary a[href='#Input_Network']")).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(page);
        if (shots)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-admin-ecoles-nouvelle-errors-fr-360.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task AnAdministratorAddsASchoolWithTheKeyboardAlone()
    {
        var admin = await ProJourney.CreateEnrolledAsync(site, ProRole.Administrator);
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, page, admin, audit: false);
        var name = $"Collège Exemple {Guid.NewGuid():N}"[..30];

        await session.GoToAsync("/pro/admin/ecoles");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = Text("Schools.Add"), Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await ProJourney.ExpectHeadingAsync(page, Text("Schools.Create.Title"));

        await TabToAsync(page, page.GetByLabel(Text("Schools.Name"), new() { Exact = true }));
        await page.Keyboard.TypeAsync(name);
        await TabToAsync(page, page.Locator("#Input_Network"));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#Input_Network-Provincial")).ToBeCheckedAsync();
        await TabToAsync(page, page.Locator("#Input_PmsServiceId"));
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = Text("Schools.Create.Submit"), Exact = true }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main .notice")).ToBeVisibleAsync();
        var row = page.Locator("main tbody tr", new() { Has = page.Locator("th", new() { HasText = name }) });
        await Expect(row).ToContainTextAsync(Text("Schools.Network.Provincial"));
        await Expect(row).ToContainTextAsync("CPMS");
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "ecoles.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.Locator("form[enctype='multipart/form-data'] button[type='submit']").ClickAsync();
    }

    // Presses Tab until the target has the focus, checking that every element on the way shows it.
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        var invisible = new List<string>();
        for (var presses = 0; presses < MaxTabs; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await FocusIndicator.MissingOnAsync(page) is { } element)
            {
                invisible.Add(element);
            }

            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                Assert.True(invisible.Count == 0, "Focused without a visible indicator:\n" + string.Join('\n', invisible));
                return;
            }
        }

        Assert.Fail($"Not reached with {MaxTabs} presses of Tab: {target}.");
    }

    private string Text(string key, params object[] arguments) => ProJourney.Text(site, key, arguments);
}
