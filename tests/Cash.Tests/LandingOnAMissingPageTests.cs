using System.Net;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

public abstract class LandingOnAMissingPageTests(CashApp app)
{
    [Theory]
    [InlineData("/cette-page-n-existe-pas")]
    [InlineData("/services/does-not-exist")]
    public async Task AnUnknownAddressGetsTheHelpfulNotFoundPage(string path)
    {
        using var response = await app.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(Translations.Ui("Error.NotFound.Title", "fr"), page.QuerySelector("h1")?.TextContent.Trim());
        var main = page.QuerySelector("main");
        Assert.NotNull(main);
        Assert.NotNull(main.QuerySelector("a[href='/services']"));
        Assert.Contains("112", main.TextContent, StringComparison.Ordinal);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Exception", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Microsoft.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Cash.Web", html, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNotFoundPageSpeaksTheVisitorsLanguage()
    {
        using var response = await app.GetAsync("/services/does-not-exist?culture=nl-BE");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Translations.Ui("Error.NotFound.Title", "nl"), page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task TheLanguageSwitchOnTheNotFoundPageKeepsTheAddressAskedFor()
    {
        using var response = await app.GetAsync("/services/does-not-exist");

        var page = await response.ReadPageAsync();
        var english = page.QuerySelector(".lang-switch a[hreflang='en']");
        Assert.Equal("/services/does-not-exist?culture=en", english?.GetAttribute("href"));
    }

    [Fact]
    public async Task AnUnknownAddressInTheProfessionalsSpaceLeadsToSignIn()
    {
        using var response = await app.GetAsync("/pro/nothing-here");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        Assert.Equal("/pro/connexion", location.AbsolutePath);
    }
}

public sealed class LandingOnAMissingPageOnSqlite(SqliteCashApp app) : LandingOnAMissingPageTests(app), IClassFixture<SqliteCashApp>;

public sealed class LandingOnAMissingPageOnPostgres(PostgresCashApp app) : LandingOnAMissingPageTests(app), IClassFixture<PostgresCashApp>;
