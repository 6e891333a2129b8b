namespace Cash.BrowserTests;

/// <summary>
/// Reflow (WCAG 1.4.10): at 320 CSS pixels wide nothing may need sideways scrolling. axe-core cannot
/// check this, so the browser measures it.
/// </summary>
public sealed class ReadingOnASmallPhoneTests(CashSite site)
{
    // The elements sticking out on the right, innermost first, or an empty list when the page fits.
    private const string Overflowing = """
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) { return []; }
            return [...document.body.querySelectorAll('*')]
                .filter(e => e.children.length === 0 && !e.closest('.visually-hidden') && e.getBoundingClientRect().right > width + 1)
                .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} `
                    + `(right edge ${Math.round(e.getBoundingClientRect().right)}px): ${(e.textContent || '').trim().slice(0, 40)}`)
                .slice(0, 5);
        }
        """;

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EveryPublicPageFitsA320PixelWideScreen(string culture)
    {
        await using var session = await site.OpenAsync(width: 320);
        var problems = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);

        foreach (var path in PublicPages.All.Select(p => p.Path).Append(PublicPages.MissingPath))
        {
            await session.Page.GotoAsync(PublicPages.InCulture(path, culture));
            var overflowing = await session.Page.EvaluateAsync<string[]>(Overflowing);
            foreach (var element in overflowing)
            {
                problems.TryAdd(element, []);
                problems[element].Add(path);
            }
        }

        Assert.True(problems.Count == 0, $"Sideways scrolling at 320px ({culture}):\n" + string.Join('\n', problems.Select(p => $"{p.Key} on {string.Join(", ", p.Value)}")));
    }
}
