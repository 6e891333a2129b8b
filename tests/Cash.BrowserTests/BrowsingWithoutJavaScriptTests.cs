using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>The public portal works on a cheap phone with JavaScript off (PRODUCT.md).</summary>
public sealed class BrowsingWithoutJavaScriptTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.Paths), MemberType = typeof(PublicPages))]
    public async Task PublicPageShowsItsMainContent(string path)
    {
        await using var session = await site.OpenAsync(javaScript: false);

        var status = await session.GoToAsync(path);

        Assert.Equal(200, status);
        await Expect(session.Page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("a[data-quick-exit]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task VisitorFollowsTheNavigationFromHomeToAServicePhoneNumber()
    {
        await using var session = await site.OpenAsync(javaScript: false);
        var page = session.Page;
        await session.GoToAsync("/");

        var mainNavigation = page.GetByRole(AriaRole.Navigation, new() { Name = site.Text("Layout.MainNavigation", "fr-BE") });
        await mainNavigation.GetByRole(AriaRole.Link, new() { Name = site.Text("Nav.Services", "fr-BE"), Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/services");
        await Expect(page.Locator("main article.card")).ToHaveCountAsync(10);

        await page.Locator("main article.card h3 a").First.ClickAsync();

        await page.WaitForURLAsync("**/services/*");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(page.Locator("main a[href^='tel:']").First).ToBeVisibleAsync();
    }
}
