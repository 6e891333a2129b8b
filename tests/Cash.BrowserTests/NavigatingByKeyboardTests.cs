using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>Keyboard-only visitors: the skip link comes first and focus can always be seen (WCAG 2.4.1, 2.4.7).</summary>
public sealed class NavigatingByKeyboardTests(CashSite site)
{
    // Describes the focused element when it shows no focus indicator, or returns null when it does.
    private const string FocusWithoutIndicator = """
        () => {
            const element = document.activeElement;
            if (!element || element === document.body) { return null; }
            const style = getComputedStyle(element);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            const shadow = style.boxShadow && style.boxShadow !== 'none';
            if (outline || shadow) { return null; }
            return element.outerHTML.slice(0, 160);
        }
        """;

    [Fact]
    public async Task FirstTabReachesTheSkipLinkWhichMovesFocusToMain()
    {
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync("/");

        await page.Keyboard.PressAsync("Tab");

        await Expect(page.Locator("a.skip-link")).ToBeFocusedAsync();
        await Expect(page.Locator("a.skip-link")).ToBeInViewportAsync();
        Assert.Null(await page.EvaluateAsync<string?>(FocusWithoutIndicator));

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

            if (await page.EvaluateAsync<string?>(FocusWithoutIndicator) is { } element)
            {
                invisible.Add(element);
            }
        }

        Assert.True(reached > 5, $"Only {reached} elements were reached with Tab.");
        Assert.True(invisible.Count == 0, "Focused without a visible indicator:\n" + string.Join('\n', invisible));
    }
}
