using System.Net;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

/// <summary>Browsers ask for an icon on every page; the site has one, so no page logs a 404.</summary>
public abstract class ShowingTheSitesIconTests(CashApp app)
{
    [Fact]
    public async Task TheIconBrowsersAskForByDefaultExists()
    {
        using var response = await app.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        AssertKeptForADay(response);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/cette-page-n-existe-pas")]
    [InlineData("/pro/connexion")]
    public async Task EveryLayoutLinksAnIconThatExists(string path)
    {
        using var page = await app.GetAsync(path);
        var icon = (await page.ReadPageAsync()).QuerySelector("head link[rel='icon']");
        Assert.NotNull(icon);
        Assert.Equal("image/svg+xml", icon.GetAttribute("type"));
        var href = icon.GetAttribute("href");
        Assert.StartsWith("/favicon.svg", href, StringComparison.Ordinal);

        using var response = await app.GetAsync(href!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var cacheControl = Assert.Single(response.Header("Cache-Control"));
        Assert.Contains("public", cacheControl, StringComparison.Ordinal);
        Assert.Contains("max-age=", cacheControl, StringComparison.Ordinal);
        Assert.DoesNotContain("no-store", cacheControl, StringComparison.Ordinal);
    }

    private static void AssertKeptForADay(HttpResponseMessage response)
    {
        var cacheControl = Assert.Single(response.Header("Cache-Control"));
        Assert.Contains("public", cacheControl, StringComparison.Ordinal);
        Assert.Contains("max-age=86400", cacheControl, StringComparison.Ordinal);
    }
}

public sealed class ShowingTheSitesIconOnSqlite(SqliteCashApp app) : ShowingTheSitesIconTests(app), IClassFixture<SqliteCashApp>;

public sealed class ShowingTheSitesIconOnPostgres(PostgresCashApp app) : ShowingTheSitesIconTests(app), IClassFixture<PostgresCashApp>;
