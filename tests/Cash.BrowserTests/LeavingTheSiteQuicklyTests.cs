using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cash.BrowserTests;

/// <summary>
/// The quick-exit button, after GOV.UK "Exit this page": someone looking over a young person's
/// shoulder must not find the site again with the back button.
/// </summary>
public sealed class LeavingTheSiteQuicklyTests(CashSite site)
{
    [Fact]
    public async Task ClickingQuickExitShowsTheNeutralSiteAndBackDoesNotReturn()
    {
        await using var session = await site.OpenAsync();
        await session.Page.GotoAsync("about:blank");
        await session.GoToAsync("/services");

        await QuickExit(session.Page).ClickAsync();

        await AssertLeftWithoutTraceAsync(session);
    }

    [Fact]
    public async Task KeyboardUserReachesQuickExitWithinThreeTabsAndLeavesWithEnter()
    {
        await using var session = await site.OpenAsync();
        await session.Page.GotoAsync("about:blank");
        await session.GoToAsync("/");

        var presses = 0;
        while (presses < 3 && !await HasFocusAsync(QuickExit(session.Page)))
        {
            await session.Page.Keyboard.PressAsync("Tab");
            presses++;
        }

        Assert.True(await HasFocusAsync(QuickExit(session.Page)), $"Quick exit not focused after {presses} Tab presses.");
        await session.Page.Keyboard.PressAsync("Enter");

        await AssertLeftWithoutTraceAsync(session);
    }

    [Fact]
    public async Task PressingShiftThreeTimesShowsTheNeutralSiteAndBackDoesNotReturn()
    {
        await using var session = await site.OpenAsync();
        await session.Page.GotoAsync("about:blank");
        await session.GoToAsync("/services/le-declic");

        for (var i = 0; i < 3; i++)
        {
            await session.Page.Keyboard.PressAsync("Shift");
        }

        await AssertLeftWithoutTraceAsync(session);
    }

    [Fact]
    public async Task WithoutJavaScriptQuickExitIsAPlainLinkToTheNeutralSite()
    {
        await using var session = await site.OpenAsync(javaScript: false);
        await session.GoToAsync("/services");

        Assert.Equal(CashSite.NeutralUrl, await QuickExit(session.Page).GetAttributeAsync("href"));
        await QuickExit(session.Page).ClickAsync();

        await LeftForTheNeutralSiteAsync(session.Page);
        Assert.False(session.IsOnSite);
    }

    /// <summary>
    /// Watches the address rather than waiting for a navigation: a quick exit can be over, load
    /// event included, before a navigation waiter is in place, and such a waiter then never ends.
    /// </summary>
    private static Task LeftForTheNeutralSiteAsync(IPage page) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(CashSite.NeutralUrl)));

    private static ILocator QuickExit(IPage page) => page.Locator("a[data-quick-exit]");

    private static Task<bool> HasFocusAsync(ILocator locator) =>
        locator.EvaluateAsync<bool>("element => element === document.activeElement");

    private static async Task AssertLeftWithoutTraceAsync(BrowserSession session)
    {
        await LeftForTheNeutralSiteAsync(session.Page);

        await session.Page.GoBackAsync();

        // The blank page opened before the site, not the site: its history entry was replaced.
        Assert.Equal("about:blank", session.Page.Url);
    }
}
