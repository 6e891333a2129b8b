using Cash.Web.Domain.People;
using Microsoft.Playwright;

namespace Cash.BrowserTests;

/// <summary>
/// Reflow (WCAG 1.4.10) in the professionals' space: at 320 CSS pixels, with an address as long as
/// real institutional ones, nothing needs sideways scrolling from the invitation to the account page.
/// </summary>
public sealed class ReadingTheProfessionalsSpaceOnASmallPhoneTests(CashSite site)
{
    // The innermost elements sticking out on the right, or whose own text runs past their box (a long
    // unbreakable word in a paragraph), or an empty list when the page fits.
    private const string Overflowing = """
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) { return []; }
            const wide = [...document.body.querySelectorAll('*')]
                .filter(e => !e.closest('.visually-hidden'))
                .filter(e => e.getBoundingClientRect().right > width + 1
                    || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'));
            const innermost = wide.filter(e => !wide.some(other => other !== e && e.contains(other)));
            const described = innermost
                .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} `
                    + `(${e.scrollWidth}px of text in ${e.clientWidth}px): ${(e.textContent || '').trim().slice(0, 60)}`)
                .slice(0, 5);
            return described.length > 0 ? described : [`the page is ${document.documentElement.scrollWidth}px wide`];
        }
        """;

    [Fact]
    public async Task FromTheInvitationToTheAccountPageEveryPageFitsA320PixelWideScreen()
    {
        var email = $"marie-christine.vandenberghe.{Guid.NewGuid().ToString("N")[..4]}@mediation-scolaire.invalid";
        var link = await ProJourney.InviteFromCommandLineAsync(site, email, ProRole.Coordinator, "egalite-des-chances");
        await using var session = await site.OpenAsync(width: 320);
        var page = session.Page;
        var problems = new List<string>();

        await session.GoToAsync("/pro/connexion");
        await CollectAsync(page, "sign-in", problems);

        var person = new ProPerson(email, "Marie-Christine Vandenberghe-Delacroix", ProJourney.NewPassword());
        await page.GotoAsync(link.ToString());
        await CollectAsync(page, "invitation, step 1", problems);
        await ProJourney.SubmitPasswordStepAsync(site, page, person.DisplayName, "trop court", "trop court");
        await page.Locator(".error-summary").WaitForAsync();
        await CollectAsync(page, "invitation, step 1 with an error", problems);

        await ProJourney.CompleteInvitationAsync(site, page, person, audit: false);
        await CollectAsync(page, "invitation, step 3", problems);
        await ProJourney.GoToDashboardFromRecoveryCodesAsync(site, page, person);
        await CollectAsync(page, "dashboard", problems);

        await session.GoToAsync("/pro/compte");
        await ProJourney.ExpectHeadingAsync(page, ProJourney.Text(site, "Account.Title"));
        await CollectAsync(page, "account", problems);

        Assert.True(problems.Count == 0, "Sideways scrolling at 320px:\n" + string.Join('\n', problems));
    }

    private static async Task CollectAsync(IPage page, string name, List<string> problems) =>
        problems.AddRange((await page.EvaluateAsync<string[]>(Overflowing)).Select(element => $"{name}: {element}"));
}
