using Cash.Web.Domain.People;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>Signing in and out with Tab, typing and Enter only, every stop visibly focused (WCAG 2.1.1, 2.4.7).</summary>
public sealed class SigningInWithTheKeyboardOnlyTests(CashSite site)
{
    private const int MaxTabs = 30;

    [Fact]
    public async Task ProfessionalSignsInAndOutWithTheKeyboardAlone()
    {
        var person = await ProJourney.CreateEnrolledAsync(site, ProRole.Lead, "le-declic");
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync("/pro/connexion");

        await TabToAsync(page, page.GetByLabel(Text("SignIn.Email"), new() { Exact = true }));
        await page.Keyboard.TypeAsync(person.Email);
        await TabToAsync(page, page.GetByLabel(Text("SignIn.Password"), new() { Exact = true }));
        await page.Keyboard.TypeAsync(person.Password);
        await page.Keyboard.PressAsync("Enter");

        await ProJourney.ExpectHeadingAsync(page, Text("Code.Title"));
        await TabToAsync(page, page.GetByLabel(Text("Code.Label"), new() { Exact = true }));
        await page.Keyboard.TypeAsync(await person.Authenticator.NextCodeAsync());
        await page.Keyboard.PressAsync("Enter");

        await ProJourney.ExpectDashboardAsync(site, page, person);
        await TabToAsync(page, ProJourney.SignOutButton(site, page));
        await page.Keyboard.PressAsync("Enter");
        await ProJourney.ExpectHeadingAsync(page, Text("SignOut.Done"));
    }

    [Fact]
    public async Task ErrorSummaryTakesTheFocusAndItsLinkLeadsToTheField()
    {
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync("/pro/connexion");

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = Text("SignIn.Submit"), Exact = true }));
        await page.Keyboard.PressAsync("Enter");

        await ProJourney.ExpectErrorSummaryAsync(page, Text("SignIn.EmailRequired"));
        await TabToAsync(page, page.Locator(".error-summary a[href='#Input_Email']"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel(Text("SignIn.Email"), new() { Exact = true })).ToBeFocusedAsync();
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
