using Cash.Web.Localization;
using Microsoft.AspNetCore.Http;

namespace Cash.Tests;

/// <summary>
/// Which language a request gets, decided in one place for the pages and for the copies of them kept
/// in memory: the address, then the language cookie, then the browser's preferences, then French.
/// </summary>
public sealed class ResolvingTheLanguageOfARequestTests
{
    [Theory]
    [InlineData(null, "fr-BE")]
    [InlineData("nl-BE", "nl-BE")]
    [InlineData("nl", "nl-BE")]
    [InlineData("NL-nl, en;q=0.5", "nl-BE")]
    [InlineData("en-GB", "en")]
    [InlineData("fr-FR, nl;q=0.9", "fr-BE")]
    [InlineData("de-DE, en;q=0.8", "en")]
    [InlineData("de, it, es, nl", "fr-BE")]
    [InlineData("nl;q=0, en", "en")]
    [InlineData("en;q=0.2, nl-BE;q=0.9", "nl-BE")]
    [InlineData("*", "fr-BE")]
    [InlineData(";;;==,", "fr-BE")]
    public void TheBrowsersPreferencesChooseAmongTheThreeLanguages(string? acceptLanguage, string expected)
    {
        var request = Request(acceptLanguage: acceptLanguage);

        Assert.Equal(expected, CashCultures.Resolve(request));
    }

    [Fact]
    public void TheCookieComesBeforeTheBrowserAndTheAddressBeforeTheCookie()
    {
        Assert.Equal("en", CashCultures.Resolve(Request(cookie: "c=en|uic=en", acceptLanguage: "nl-BE")));
        Assert.Equal("nl-BE", CashCultures.Resolve(Request(query: "?culture=nl-BE", cookie: "c=en|uic=en")));
        Assert.Equal("en", CashCultures.Resolve(Request(query: "?culture=xx-YY", cookie: "c=en|uic=en")));
        Assert.Equal("nl-BE", CashCultures.Resolve(Request(cookie: "not a culture cookie", acceptLanguage: "nl")));
        Assert.Equal("fr-BE", CashCultures.Resolve(Request(cookie: "c=de|uic=de")));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("?qui=YoungTarget&formes=Verbal%2CRelational", null)]
    [InlineData("?culture=nl-BE", "nl-BE")]
    [InlineData("?qui=Parent&CULTURE=en", "en")]
    [InlineData("?cultur%65=nl-BE", "nl-BE")]
    [InlineData("?culture", "")]
    [InlineData("?culture=", "")]
    [InlineData("?x=culture&culturex=en", null)]
    [InlineData("?culture=nl-BE&culture=en", "nl-BE,en")]
    public void TheAddressAsksForALanguageOnlyThroughItsCultureKey(string? query, string? expected)
    {
        // Read without parsing the query, it must still say what the parser would.
        var request = Request(query: query);

        Assert.Equal(expected, CashCultures.QueryValue(request));
        Assert.Equal(expected, request.Query.TryGetValue(CashCultures.QueryKey, out var parsed) ? parsed.ToString() : null);
    }

    private static HttpRequest Request(string? query = null, string? cookie = null, string? acceptLanguage = null)
    {
        var context = new DefaultHttpContext();
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        if (cookie is not null)
        {
            context.Request.Headers.Cookie = CashCultures.CookieName + "=" + Uri.EscapeDataString(cookie);
        }

        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        return context.Request;
    }
}
