using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Security;
using Microsoft.AspNetCore.Http;

namespace Cash.Tests;

/// <summary>Which addresses built from a request may go into a link or a redirect.</summary>
public sealed class TellingALocalAddressTests
{
    [Theory]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("\\/evil.example")]
    [InlineData("http://evil.example")]
    [InlineData("https://evil.example/suivi")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("/ok/..\\..\\evil")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/services\0")]
    [InlineData("")]
    [InlineData(null)]
    public void AnAddressThatCanLeaveTheSiteIsNotLocal(string? url)
    {
        Assert.False(LocalUrl.IsLocal(url));
        Assert.Equal("/", LocalUrl.OrRoot(url));
    }

    [Fact]
    public void AnEncodedDoubleSlashIsNotLocalOnceDecoded()
    {
        // As written it is a harmless path; a framework that decodes it must check it again.
        Assert.True(LocalUrl.IsLocal("/%2F%2Fevil.example"));
        Assert.False(LocalUrl.IsLocal(Uri.UnescapeDataString("/%2F%2Fevil.example")));
        Assert.False(LocalUrl.IsLocal(Uri.UnescapeDataString("/%5Cevil.example")));
        Assert.False(LocalUrl.IsLocal(Uri.UnescapeDataString("/%09/evil.example")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/services")]
    [InlineData("/pro/demandes/42")]
    [InlineData("/ok/path?x=//y")]
    [InlineData("/aide?service=le-declic&culture=en")]
    [InlineData("/services/caf%C3%A9")]
    [InlineData("/suivi#fil")]
    public void APathOnThisSiteIsLocal(string url)
    {
        Assert.True(LocalUrl.IsLocal(url));
        Assert.Equal(url, LocalUrl.OrRoot(url));
    }
}

/// <summary>An address made to look like another site's never turns into a link to it.</summary>
public abstract class KeepingLinksOnThisSiteTests(CashApp app)
{
    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("//evil.example/suivi")]
    [InlineData("/\\evil.example")]
    [InlineData("/\\evil.example/x")]
    [InlineData("/\t/evil.example")]
    public async Task EveryLinkOnAPageReachedThroughAHostileAddressStaysOnThisSite(string path)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = new PathString(path);
        }, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body);
        var page = await Visits.ParseAsync(await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
        var languages = page.QuerySelectorAll(".lang-switch a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(3, languages.Count);
        foreach (var href in page.QuerySelectorAll("[href], [src], [action]")
            .SelectMany(e => new[] { e.GetAttribute("href"), e.GetAttribute("src"), e.GetAttribute("action") })
            .OfType<string>())
        {
            Assert.DoesNotContain("evil.example", href, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var href in languages)
        {
            Assert.StartsWith("/", href, StringComparison.Ordinal);
            Assert.False(href.StartsWith("//", StringComparison.Ordinal) || href.Contains('\\', StringComparison.Ordinal) || href.Any(char.IsControl), href);
        }
    }

    [Fact]
    public async Task TheLanguageSwitchOnAnOrdinaryMissingPageStillKeepsItsAddress()
    {
        using var response = await app.GetAsync("/services/n-existe-pas?x=//y");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal("/services/n-existe-pas?culture=nl-BE", page.QuerySelector(".lang-switch a[hreflang='nl']")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("//evil.example/pro")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/pro")]
    public async Task ASignInPageGivenAForeignReturnAddressDoesNotCarryIt(string retour)
    {
        var page = await app.GetPageAsync($"/pro/connexion?retour={Uri.EscapeDataString(retour)}");

        var carried = page.QuerySelector("input[name='retour']")?.GetAttribute("value") ?? "";
        Assert.DoesNotContain("evil.example", carried, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class KeepingLinksOnThisSiteOnSqlite(SqliteCashApp app) : KeepingLinksOnThisSiteTests(app), IClassFixture<SqliteCashApp>;

public sealed class KeepingLinksOnThisSiteOnPostgres(PostgresCashApp app) : KeepingLinksOnThisSiteTests(app), IClassFixture<PostgresCashApp>;
