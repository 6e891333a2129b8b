namespace Cash.BrowserTests;

/// <summary>WCAG 2.1 AA as far as a machine can tell (QUALITY.md): every public page, in every language.</summary>
public sealed class CheckingAccessibilityWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.PathsInEveryCulture), MemberType = typeof(PublicPages))]
    public async Task PublicPageHasNoViolationsAndTheLanguageOfItsText(string path, string culture)
    {
        await using var session = await site.OpenAsync();

        var status = await session.GoToAsync(PublicPages.InCulture(path, culture));

        Assert.Equal(200, status);
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task MissingPageHasNoViolationsAndTheLanguageOfItsText(string culture)
    {
        await using var session = await site.OpenAsync();
        await session.GoToAsync(PublicPages.InCulture("/", culture));

        var status = await session.GoToAsync(PublicPages.MissingPath);

        Assert.Equal(404, status);
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task MissingPageSpeaksTheLanguageAskedForInItsAddress(string culture)
    {
        await using var session = await site.OpenAsync();

        var status = await session.GoToAsync(PublicPages.InCulture(PublicPages.MissingPath, culture));

        Assert.Equal(404, status);
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        Assert.Equal(site.Text("Error.NotFound.Title", culture), await session.Page.Locator("h1").InnerTextAsync());
    }

    // Guards the guard: a page that passes because axe never ran would look exactly like a clean page.
    [Fact]
    public async Task AuditCatchesAnImageWithoutAlternativeText()
    {
        await using var session = await site.OpenAsync();
        await session.GoToAsync("/");

        await session.Page.Locator("main h1").EvaluateAsync("h1 => h1.after(document.createElement('img'))");

        Assert.Contains(await AxeAudit.ViolationsAsync(session.Page), violation => violation.Id == "image-alt");
    }
}
