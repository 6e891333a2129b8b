using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

public abstract class ChoosingALanguageTests(CashApp app)
{
    private static readonly string[] PublicPages =
    [
        "/", "/harcelement", "/services", "/a-propos", "/vie-privee", "/accessibilite",
        .. Leaflet.Slugs.Select(slug => $"/services/{slug}"),
    ];

    public static TheoryData<string, string, string> EveryPublicPageInEveryLanguage { get; } = new(
        from path in PublicPages
        from choice in new[] { (Culture: "fr-BE", Language: "fr"), (Culture: "nl-BE", Language: "nl"), (Culture: "en", Language: "en") }
        select (path, choice.Culture, choice.Language));

    [Theory]
    [MemberData(nameof(EveryPublicPageInEveryLanguage), MemberType = typeof(ChoosingALanguageTests))]
    public async Task EveryPublicPageAnswersInTheLanguageAskedFor(string path, string culture, string language)
    {
        var page = await app.GetPageAsync($"{path}?culture={culture}");

        AssertLanguage(language, page);
    }

    [Fact]
    public async Task SwitchingLanguageInTheAssistantKeepsTheAnswers()
    {
        var page = await app.GetPageAsync("/orientation/quoi?qui=Parent&danger=false&culture=fr-BE");

        var dutch = page.QuerySelector(".lang-switch a[hreflang='nl']")?.GetAttribute("href");
        Assert.Equal("/orientation/quoi?qui=Parent&danger=false&culture=nl-BE", dutch);
        var other = await app.GetPageAsync("/services?qui=Parent");
        Assert.Equal("/services?culture=nl-BE", other.QuerySelector(".lang-switch a[hreflang='nl']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task TheLanguageCookieGivesDutch()
    {
        var page = await app.GetPageAsync("/services", request => request.Headers.Add("Cookie", "cash-lang=c=nl-BE|uic=nl-BE"));

        AssertLanguage("nl", page);
    }

    [Fact]
    public async Task ABrowserSetToDutchGetsDutch()
    {
        var page = await app.GetPageAsync("/services", request => request.Headers.AcceptLanguage.ParseAdd("nl-BE"));

        AssertLanguage("nl", page);
    }

    [Fact]
    public async Task WithoutAnyPreferenceThePortalIsInFrench()
    {
        var page = await app.GetPageAsync("/services");

        AssertLanguage("fr", page);
    }

    [Fact]
    public async Task ABrowserInALanguageTheSiteDoesNotSpeakGetsFrench()
    {
        var page = await app.GetPageAsync("/services", request => request.Headers.AcceptLanguage.ParseAdd("de-DE"));

        AssertLanguage("fr", page);
    }

    [Fact]
    public async Task AnExplicitChoiceWinsOverTheCookieAndTheBrowser()
    {
        var page = await app.GetPageAsync("/services?culture=en", request =>
        {
            request.Headers.Add("Cookie", "cash-lang=c=nl-BE|uic=nl-BE");
            request.Headers.AcceptLanguage.ParseAdd("nl-BE");
        });

        AssertLanguage("en", page);
    }

    /// <summary>The declared language and the words on the page must agree (the menus' link to the directory).</summary>
    private static void AssertLanguage(string language, IHtmlDocument page)
    {
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        var menuLink = page.QuerySelector("nav a[href='/services']");
        Assert.NotNull(menuLink);
        Assert.Equal(Translations.Ui("Nav.Services", language), menuLink.TextContent.Trim());
    }
}

public sealed class ChoosingALanguageOnSqlite(SqliteCashApp app) : ChoosingALanguageTests(app), IClassFixture<SqliteCashApp>;

public sealed class ChoosingALanguageOnPostgres(PostgresCashApp app) : ChoosingALanguageTests(app), IClassFixture<PostgresCashApp>;
