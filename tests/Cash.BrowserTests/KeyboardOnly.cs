using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// Moving through a page as someone without a mouse does (WCAG 2.1.1, 2.4.7): Tab or Shift+Tab from
/// one stop to the next, each stop checked for a visible focus indicator, and the arrow keys inside a
/// list or a group of radios.
/// </summary>
internal static class KeyboardOnly
{
    /// <summary>
    /// Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus, failing if any element
    /// on the way showed no focus indicator or if the target is not reached in <paramref name="maxPresses"/>.
    /// </summary>
    public static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 150, bool backwards = false)
    {
        var invisible = new List<string>();
        for (var presses = 0; presses < maxPresses; presses++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
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

        Assert.Fail($"Not reached with {maxPresses} presses of {(backwards ? "Shift+Tab" : "Tab")}: {target}.");
    }

    /// <summary>
    /// Chooses an option of the focused, closed list with the arrow keys, as a keyboard user does
    /// (the page is only read to know how many presses it takes).
    /// </summary>
    public static async Task ChooseWithArrowsAsync(IPage page, ILocator select, string value)
    {
        await Expect(select).ToBeFocusedAsync();
        var steps = await select.EvaluateAsync<int>(
            "(element, value) => [...element.options].findIndex(o => o.value === value) - element.selectedIndex", value);
        var key = steps >= 0 ? "ArrowDown" : "ArrowUp";
        for (var press = 0; press < Math.Abs(steps); press++)
        {
            await page.Keyboard.PressAsync(key);
        }

        await Expect(select).ToHaveValueAsync(value);
    }

    /// <summary>The next Tab, then Space: ticks the checkbox or chooses the radio that <paramref name="choice"/> names.</summary>
    public static async Task TabToAndTickAsync(IPage page, ILocator choice)
    {
        await TabToAsync(page, choice);
        await page.Keyboard.PressAsync("Space");
        await Expect(choice).ToBeCheckedAsync();
    }

    /// <summary>
    /// Tab to the control, then Enter: follows a link or sends a form with its button. The caller then
    /// waits for what the next page shows before pressing anything else, or its keys would reach the old page.
    /// </summary>
    public static async Task ActivateAsync(IPage page, ILocator control)
    {
        await TabToAsync(page, control);
        await page.Keyboard.PressAsync("Enter");
    }
}
