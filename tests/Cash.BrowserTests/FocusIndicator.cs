using Microsoft.Playwright;

namespace Cash.BrowserTests;

/// <summary>Whether the element that has the keyboard focus shows it (WCAG 2.4.7).</summary>
internal static class FocusIndicator
{
    // Describes the focused element when it shows no focus indicator, or returns null when it does.
    private const string Script = """
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

    /// <summary>The focused element's markup when it shows no focus indicator; null when it does (or nothing has focus).</summary>
    public static Task<string?> MissingOnAsync(IPage page) => page.EvaluateAsync<string?>(Script);
}
