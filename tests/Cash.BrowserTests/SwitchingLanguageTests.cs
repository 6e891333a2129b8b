using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>French first, Dutch and English too; a choice of language holds for the next pages (cookie).</summary>
public sealed class SwitchingLanguageTests(CashSite site)
{
    [Fact]
    public async Task ChoosingDutchShowsDutchAndTheNextPageStaysDutch()
    {
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await session.GoToAsync("/services");
        Assert.Equal("fr", await session.DocumentLanguageAsync());

        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = site.Text("Layout.Languages", "fr-BE") });
        await languages.GetByRole(AriaRole.Link, new() { Name = "Nederlands" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(site.Text("Services.Title", "nl-BE"));

        var mainNavigation = page.GetByRole(AriaRole.Navigation, new() { Name = site.Text("Layout.MainNavigation", "nl-BE") });
        await mainNavigation.GetByRole(AriaRole.Link, new() { Name = site.Text("Nav.Home", "nl-BE"), Exact = true }).ClickAsync();

        await page.WaitForURLAsync(site.BaseAddress.ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(site.Text("Home.Title", "nl-BE"));
    }
}
