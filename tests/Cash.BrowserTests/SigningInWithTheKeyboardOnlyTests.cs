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

        await KeyboardOnly.TabToAsync(page, page.GetByLabel(Text("SignIn.Email"), new() { Exact = true }), MaxTabs);
        await page.Keyboard.TypeAsync(person.Email);
        await KeyboardOnly.TabToAsync(page, page.GetByLabel(Text("SignIn.Password"), new() { Exact = true }), MaxTabs);
        await page.Keyboard.TypeAsync(person.Password);
        await page.Keyboard.PressAsync("Enter");

        await ProJourney.ExpectHeadingAsync(page, Text("Code.Title"));
        await KeyboardOnly.TabToAsync(page, page.GetByLabel(Text("Code.Label"), new() { Exact = true }), MaxTabs);
        await page.Keyboard.TypeAsync(await person.Authenticator.NextCodeAsync());
        await page.Keyboard.PressAsync("Enter");

        await ProJourney.ExpectDashboardAsync(site, page, person);
        await KeyboardOnly.TabToAsync(page, ProJourney.SignOutButton(site, page), MaxTabs);
        await page.Keyboard.PressAsync("Enter");
        await ProJourney.ExpectHeadingAsync(page, Text("SignOut.Done"));
    }

    [Fact]
    public async Task ErrorSummaryTakesTheFocusAndItsLinkLeadsToTheField()
    {
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync("/pro/connexion");

        await KeyboardOnly.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = Text("SignIn.Submit"), Exact = true }), MaxTabs);
        await page.Keyboard.PressAsync("Enter");

        await ProJourney.ExpectErrorSummaryAsync(page, Text("SignIn.EmailRequired"));
        await KeyboardOnly.TabToAsync(page, page.Locator(".error-summary a[href='#Input_Email']"), MaxTabs);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel(Text("SignIn.Email"), new() { Exact = true })).ToBeFocusedAsync();
    }

    private string Text(string key, params object[] arguments) => ProJourney.Text(site, key, arguments);
}
