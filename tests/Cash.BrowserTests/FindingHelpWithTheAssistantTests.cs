using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The orientation assistant on a phone-sized Chromium, for each audience, with JavaScript on and
/// off: every step, the urgent page, an error and the result pass axe; the result lists at least
/// one service with its "write" button; and one audience goes through with the keyboard only.
/// </summary>
public sealed class FindingHelpWithTheAssistantTests(CashSite site)
{
    private const int PhoneWidth = 360;

    private static readonly string[] Roles = ["YoungTarget", "YoungWitness", "YoungAuthor", "Parent", "SchoolStaff", "Other"];

    public static TheoryData<string, bool> Audiences =>
        [.. Roles.SelectMany(role => new[] { (role, true), (role, false) })];

    [Theory]
    [MemberData(nameof(Audiences))]
    public async Task EachAudienceReachesServicesToWriteTo(string role, bool javaScript)
    {
        await using var session = await site.OpenAsync(javaScript, PhoneWidth);
        var page = session.Page;
        Assert.Equal(200, await session.GoToAsync("/orientation"));
        await Expect(page.Locator("main .orientation-progress")).ToHaveTextAsync("Question 1 sur 5");
        await ProJourney.AuditIfAsync(javaScript, page);

        await page.Locator($"main input[name=qui][value={role}]").CheckAsync();
        await ContinueAsync(page, "**/orientation/danger?*");
        await ProJourney.AuditIfAsync(javaScript, page);

        // Nothing chosen: the question comes back with the error summary.
        await ContinueAsync(page, "**/orientation/danger?*");
        await Expect(page.Locator(".error-summary a[href='#danger']")).ToBeVisibleAsync();
        await ProJourney.AuditIfAsync(javaScript, page);

        await page.Locator("main input[name=danger][value=false]").CheckAsync();
        await ContinueAsync(page, "**/orientation/quoi?*");
        await ProJourney.AuditIfAsync(javaScript, page);

        await page.Locator("main input[name=formes][value=Verbal]").CheckAsync();
        await page.Locator(role == "Parent" ? "main input[name=formes][value=Discriminatory]" : "main input[name=formes][value=Cyber]").CheckAsync();
        await page.Locator("main input[name=enligne][value=true]").CheckAsync();
        await ContinueAsync(page, "**/orientation/ou?*");
        await ProJourney.AuditIfAsync(javaScript, page);

        await page.Locator("main select#ecole").SelectOptionAsync("dehors");
        await ContinueAsync(page, "**/orientation/aide?*");
        await ProJourney.AuditIfAsync(javaScript, page);

        await page.Locator("main input[name=souhaits][value=Listening]").CheckAsync();
        await page.Locator("main input[name=souhaits][value=DontKnow]").CheckAsync();
        await ContinueAsync(page, "**/orientation/resultat?*");

        Assert.True(await page.Locator("main .orientation-result").CountAsync() >= 1);
        var write = page.Locator("main .orientation-result a.button").First;
        await Expect(write).ToContainTextAsync("Écrire à ce service");
        Assert.StartsWith($"/aide?service=", await write.GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Contains($"qui={role}", await write.GetAttributeAsync("href"), StringComparison.Ordinal);
        await ProJourney.AuditIfAsync(javaScript, page);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SomeoneInDangerGetsTheUrgentNumbersAndMayGoOn(bool javaScript)
    {
        await using var session = await site.OpenAsync(javaScript, PhoneWidth);
        var page = session.Page;
        await session.GoToAsync("/orientation/danger?qui=YoungTarget");

        await page.Locator("main input[name=danger][value=true]").CheckAsync();
        await ContinueAsync(page, "**/orientation/urgence?*");

        await Expect(page.Locator("main a.urgent-call").First).ToHaveAttributeAsync("href", "tel:112");
        await Expect(page.Locator("main a[href='tel:116000']")).ToBeVisibleAsync();
        await ProJourney.AuditIfAsync(javaScript, page);

        await page.Locator("main a.button-secondary").ClickAsync();
        await page.WaitForURLAsync("**/orientation/quoi?*");
        await Expect(page.Locator("main .orientation-progress")).ToHaveTextAsync("Question 3 sur 5");
    }

    [Theory]
    [InlineData("nl-BE", "nl")]
    [InlineData("en", "en")]
    [InlineData("fr-BE", "fr")]
    public async Task TheResultPassesAxeInEveryLanguage(string culture, string language)
    {
        // axe runs inside the page, so this one needs JavaScript on; the pages do not.
        await using var session = await site.OpenAsync(javaScript: true, PhoneWidth);
        var page = session.Page;
        await session.GoToAsync($"/orientation/resultat?qui=Parent&danger=false&formes=Sexual&enligne=true&ecole=non&souhaits=ComplaintInformation&culture={culture}");

        Assert.Equal(language, await session.DocumentLanguageAsync());
        Assert.True(await page.Locator("main .orientation-result").CountAsync() >= 2);
        await AxeAudit.AssertNoViolationsAsync(page);

        // Urgent numbers and the first question in that language too.
        await session.GoToAsync("/orientation/urgence?qui=Parent");
        await AxeAudit.AssertNoViolationsAsync(page);
        await session.GoToAsync("/orientation");
        await AxeAudit.AssertNoViolationsAsync(page);

        if (language == "fr")
        {
            var file = Path.Combine(Screenshots.Folder, $"orientation-result-{language}-{PhoneWidth}.png");
            File.Delete(file);
            await session.GoToAsync("/orientation/resultat?qui=YoungTarget&danger=false&formes=Verbal,Cyber&enligne=true&ecole=dehors&souhaits=Listening,ActionAtSchool");
            await page.ScreenshotAsync(new() { Path = file, FullPage = true });
            Assert.True(new FileInfo(file) is { Exists: true, Length: > 0 });
        }
    }

    [Fact]
    public async Task AYoungWitnessGoesThroughWithTheKeyboardOnly()
    {
        await using var session = await site.OpenAsync(javaScript: true, PhoneWidth);
        var page = session.Page;
        await session.GoToAsync("/orientation");

        await TabToAsync(page, "input[name=qui]");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("main input[name=qui][value=YoungWitness]")).ToBeCheckedAsync();
        await SubmitWithKeyboardAsync(page, "**/orientation/danger?*");

        await TabToAsync(page, "input[name=danger]");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("main input[name=danger][value=false]")).ToBeCheckedAsync();
        await SubmitWithKeyboardAsync(page, "**/orientation/quoi?*");

        await TabToAsync(page, "input[name=formes][value=Relational]");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "input[name=enligne]");
        await page.Keyboard.PressAsync("Space");
        await SubmitWithKeyboardAsync(page, "**/orientation/ou?*");

        await TabToAsync(page, "select#ecole");
        await page.Keyboard.TypeAsync("En dehors");
        await SubmitWithKeyboardAsync(page, "**/orientation/aide?*");

        await TabToAsync(page, "input[name=souhaits][value=Advice]");
        await page.Keyboard.PressAsync("Space");
        await SubmitWithKeyboardAsync(page, "**/orientation/resultat?*");

        await TabToAsync(page, "main .orientation-result a.button");
        Assert.Null(await FocusIndicator.MissingOnAsync(page));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/aide?service=*");
        Assert.Contains("qui=YoungWitness", page.Url, StringComparison.Ordinal);
        Assert.Contains("ecole=dehors", page.Url, StringComparison.Ordinal);
    }

    private static async Task ContinueAsync(IPage page, string expectedUrl)
    {
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(expectedUrl);
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private static async Task SubmitWithKeyboardAsync(IPage page, string expectedUrl)
    {
        await TabToAsync(page, "main form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(expectedUrl);
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector}.");
    }
}
