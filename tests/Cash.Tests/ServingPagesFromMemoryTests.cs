using System.Net;
using System.Text.RegularExpressions;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Cash.Web.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Public pages and forms are answered from the copy kept of how they last went out, before the
/// rest of the pipeline runs: forms with a fresh antiforgery token and one-time key for every visit,
/// and nobody who is signed in, carries another cookie or chooses a language in the address gets a copy.
/// </summary>
public abstract partial class ServingPagesFromMemoryTests(CashApp app)
{
    public static TheoryData<string, string> FormsInEveryLanguage => new()
    {
        { "/aide", "fr-BE" }, { "/aide", "nl-BE" }, { "/aide", "en" },
        { "/aide?service=le-declic&qui=Parent", "fr-BE" },
        { "/suivi", "fr-BE" }, { "/suivi", "nl-BE" }, { "/suivi", "en" },
        { "/pro/connexion", "fr-BE" }, { "/pro/connexion", "en" }, { "/pro/connexion?retour=%2Fpro%2Fboite", "nl-BE" },
    };

    [Theory]
    [MemberData(nameof(FormsInEveryLanguage))]
    public async Task AFormRenderedTwiceDiffersOnlyInItsPerVisitValues(string path, string culture)
    {
        // Another cookie keeps these visits away from the copy: both are rendered.
        var first = await VisitAsync(path, culture, otherCookie: true);
        var second = await VisitAsync(path, culture, otherCookie: true);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotEqual(first.Body, second.Body);
        Assert.Equal(Blanked(first.Body), Blanked(second.Body));

        // And the copy served to the next visitors is that page too.
        await VisitAsync(path, culture);
        var copy = await VisitAsync(path, culture);
        Assert.True(IsKept(path, culture), $"{path} in {culture} is not kept.");
        Assert.Equal(Blanked(first.Body), Blanked(copy.Body));
    }

    [Fact]
    public async Task EachVisitOfAFormFromMemoryGetsItsOwnTokenCookieAndKey()
    {
        await app.EvictPublicPagesAsync();
        var visits = new List<Visit>();
        for (var i = 0; i < 3; i++)
        {
            visits.Add(await VisitAsync("/aide", "fr-BE"));
        }

        Assert.True(IsKept("/aide", "fr-BE"));
        Assert.All(visits, v => Assert.Single(v.Cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)));
        Assert.Equal(3, visits.Select(v => v.Cookies.Single()).Distinct().Count());
        Assert.Equal(3, visits.Select(v => Token(v.Body)).Distinct().Count());
        Assert.Equal(3, visits.Select(v => SubmissionKey(v.Body)).Distinct().Count());
        Assert.All(visits, v => Assert.Equal(Blanked(visits[0].Body), Blanked(v.Body)));
        Assert.All(visits, v => Assert.Empty(v.Response.Header("Age")));
        Assert.All(visits, v => Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(v.Body), v.Response.Content.Headers.ContentLength));
    }

    [Fact]
    public async Task AYoungPersonServedTheFormFromMemorySendsItAndGetsAReceipt()
    {
        using (var earlier = app.NewBrowser())
        {
            await earlier.GetPageAsync("/aide");
        }

        Assert.NotNull(Kept(ProfessionalSessions.SecureAddress, "/aide", "fr-BE"));
        using var browser = app.NewBrowser();
        var code = await browser.SendValidAsync("Deux élèves de ma classe me bousculent tous les matins.");

        var (response, page) = await browser.OpenThreadAsync(code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("me bousculent tous les matins", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublicPageFromMemoryCarriesTheSameBytesAndHeadersWithItsAge()
    {
        await app.EvictPublicPagesAsync();
        using var rendered = await app.GetAsync("/a-propos");
        using var copy = await app.GetAsync("/a-propos");

        Assert.Empty(rendered.Header("Age"));
        Assert.NotNull(Kept(app.ClientOptions.BaseAddress, "/a-propos", "fr-BE"));
        Assert.Single(copy.Header("Age"));
        Assert.Equal(await rendered.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), await copy.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        foreach (var name in new[] { "Content-Type", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Vary" })
        {
            Assert.Equal(rendered.Header(name), copy.Header(name));
        }

        using var head = await app.GetAsync("/a-propos", request => request.Method = HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Single(head.Header("Age"));
        Assert.Equal(rendered.Content.Headers.ContentLength ?? (await rendered.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NobodySignedInOrSendingCredentialsIsServedACopy()
    {
        await app.GetAsync("/");
        using (var copy = await app.GetAsync("/"))
        {
            Assert.Single(copy.Header("Age"));
        }

        // Neither the copy nor the output cache answers them: the page is rendered (no Age).
        using (var withCredentials = await app.GetAsync("/", request => request.Headers.Authorization = new("Bearer", "anything")))
        {
            Assert.Equal(HttpStatusCode.OK, withCredentials.StatusCode);
            Assert.Empty(withCredentials.Header("Age"));
        }

        var (browser, _) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using (browser)
        {
            using var signedIn = await browser.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.Empty(signedIn.Header("Age"));
        }
    }

    [Fact]
    public async Task ALanguageChosenInTheAddressSetsItsCookieOnEveryVisit()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await app.GetAsync("/?culture=nl-BE");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(response.Header("Set-Cookie"), c => c.StartsWith("cash-lang=", StringComparison.Ordinal));
        }

        Assert.Null(Kept(app.ClientOptions.BaseAddress, "/?culture=nl-BE", "nl-BE"));
    }

    [Fact]
    public async Task AMissingPageIsNeverKept()
    {
        for (var i = 0; i < 2; i++)
        {
            using var response = await app.GetAsync("/services/nulle-part");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Null(Kept(app.ClientOptions.BaseAddress, "/services/nulle-part", "fr-BE"));
    }

    private sealed record Visit(HttpResponseMessage Response, HttpStatusCode Status, string Body, IReadOnlyList<string> Cookies);

    private async Task<Visit> VisitAsync(string path, string culture, bool otherCookie = false)
    {
        var response = await app.GetAsync(path, request =>
        {
            request.Headers.AcceptLanguage.ParseAdd(culture);
            if (otherCookie)
            {
                request.Headers.Add("Cookie", "someone-elses=1");
            }
        });
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Visit(response, response.StatusCode, body, [.. response.Header("Set-Cookie").Select(c => c.Split(';')[0])]);
    }

    private bool IsKept(string pathAndQuery, string culture) => Kept(app.ClientOptions.BaseAddress, pathAndQuery, culture) is not null;

    private RenderedPage? Kept(Uri site, string pathAndQuery, string culture)
    {
        var address = new Uri(site, pathAndQuery);
        return app.Services.GetRequiredService<RenderedPages>().Find(new RenderedPageKey(
            address.Scheme == Uri.UriSchemeHttps, address.Authority, address.AbsolutePath, address.Query, culture, PublicPageCompression.Identity));
    }

    private static string Token(string body) => TokenField().Match(body).Groups[1].Value;

    private static string SubmissionKey(string body) => SubmissionKeyField().Match(body).Groups[1].Value;

    /// <summary>The page with its per-visit values blanked out.</summary>
    private static string Blanked(string body) =>
        SubmissionKeyField().Replace(TokenField().Replace(body, "__RequestVerificationToken\" type=\"hidden\" value=\"TOKEN\""), "name=\"Input.SubmissionKey\" value=\"KEY\"");

    [GeneratedRegex("__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Input.SubmissionKey\" value=\"([^\"]+)\"")]
    private static partial Regex SubmissionKeyField();
}

public sealed class ServingPagesFromMemoryOnSqlite(SqliteCashApp app) : ServingPagesFromMemoryTests(app), IClassFixture<SqliteCashApp>;

public sealed class ServingPagesFromMemoryOnPostgres(PostgresCashApp app) : ServingPagesFromMemoryTests(app), IClassFixture<PostgresCashApp>;
