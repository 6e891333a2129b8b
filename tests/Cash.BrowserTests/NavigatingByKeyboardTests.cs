using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>Keyboard-only visitors: the skip link comes first and focus can always be seen (WCAG 2.4.1, 2.4.7).</summary>
public sealed class NavigatingByKeyboardTests(CashSite site)
{
    [Fact]
    public async Task FirstTabReachesTheSkipLinkWhichMovesFocusToMain()
    {
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync("/");

        await page.Keyboard.PressAsync("Tab");

        await Expect(page.Locator("a.skip-link")).ToBeFocusedAsync();
        await Expect(page.Locator("a.skip-link")).ToBeInViewportAsync();
        Assert.Null(await FocusIndicator.MissingOnAsync(page));

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/services/le-declic")]
    public async Task EveryElementReachedWithTabShowsItsFocus(string path)
    {
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync(path);

        var invisible = new List<string>();
        var reached = 0;
        for (; reached < 80; reached++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("() => document.activeElement === document.body"))
            {
                break;
            }

            if (await FocusIndicator.MissingOnAsync(page) is { } element)
            {
                invisible.Add(element);
            }
        }

        Assert.True(reached > 5, $"Only {reached} elements were reached with Tab.");
        Assert.True(invisible.Count == 0, "Focused without a visible indicator:\n" + string.Join('\n', invisible));
    }
}
