using System.Net;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Data.Seed;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Orientation;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// The orientation assistant (/orientation) walked by plain GETs as a phone without JavaScript
/// would: one question per page, the urgent numbers when in danger, the error summary when nothing
/// is chosen, a result with reasons and the link to the help form; and the coordinator's rules
/// editor, whose changes show at once and are audited.
/// </summary>
public abstract class FindingHelpWithTheAssistantTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheRulesOfTheLeafletAreSeededOnce()
    {
        // At least the leaflet's rules: the editor's tests in this class may have added some already.
        var count = await app.InDatabaseAsync(db => db.OrientationRules.CountAsync(Cancellation));
        Assert.True(count >= OrientationRuleSeeder.LoadRules().Count, $"{count} rules in the database.");

        await app.SeedAsync();
        Assert.Equal(count, await app.InDatabaseAsync(db => db.OrientationRules.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task AYoungPersonAnswersFiveQuestionsAndGetsServicesWithAWriteLink()
    {
        var first = await app.GetPageAsync("/orientation");
        Assert.Equal("Question 1 sur 5", first.QuerySelector("main .orientation-progress")?.TextContent);
        Assert.Equal("get", first.QuerySelector("main form")?.GetAttribute("method"));
        Assert.Equal(6, first.QuerySelectorAll("main input[type=radio][name=qui]").Length);

        var url = await NextAsync("/orientation?qui=YoungTarget&suivant=1", "/orientation/danger?qui=YoungTarget");
        var danger = await app.GetPageAsync(url);
        Assert.Equal("Question 2 sur 5", danger.QuerySelector("main .orientation-progress")?.TextContent);
        Assert.Equal("YoungTarget", danger.QuerySelector("main input[type=hidden][name=qui]")?.GetAttribute("value"));
        Assert.Equal("/orientation?qui=YoungTarget", danger.QuerySelector("main a.back-link")?.GetAttribute("href"));

        url = await NextAsync(url + "&danger=false&suivant=1", "/orientation/quoi?qui=YoungTarget&danger=false");
        url = await NextAsync(url + "&formes=Verbal&formes=Relational&enligne=true&suivant=1",
            "/orientation/ou?qui=YoungTarget&danger=false&formes=Verbal%2CRelational&enligne=true");
        var where = await app.GetPageAsync(url);
        Assert.NotNull(where.QuerySelector("main select#ecole option[value=dehors]"));
        url = await NextAsync(url + "&ecole=dehors&suivant=1", "/orientation/aide?qui=YoungTarget&danger=false&formes=Verbal%2CRelational&enligne=true&ecole=dehors");
        url = await NextAsync(url + "&souhaits=Listening&souhaits=ActionAtSchool&suivant=1",
            "/orientation/resultat?qui=YoungTarget&danger=false&formes=Verbal%2CRelational&enligne=true&ecole=dehors&souhaits=Listening%2CActionAtSchool");

        var result = await app.GetPageAsync(url);
        var services = Services(result);
        Assert.Equal(["le-declic", "mediation-scolaire"], services.Take(2));
        var declic = result.QuerySelector("main #service-le-declic")!.ParentElement!;
        Assert.Contains("L’AMO Le Déclic est un lieu d’écoute pour les jeunes", declic.TextContent, StringComparison.Ordinal);
        Assert.Contains("rien n’est fait sans ton accord", declic.TextContent, StringComparison.Ordinal);
        Assert.NotNull(declic.QuerySelector("a[href='tel:+32470622438']"));
        Assert.NotNull(declic.QuerySelector("a[href='mailto:amo.ledeclic@skynet.be']"));
        Assert.NotNull(declic.QuerySelector("a[href='/services/le-declic']"));
        Assert.Equal("/aide?service=le-declic&qui=YoungTarget&formes=Verbal%2CRelational&enligne=true&ecole=dehors&souhaits=Listening%2CActionAtSchool",
            declic.QuerySelector("a.button")?.GetAttribute("href"));
        Assert.NotNull(result.QuerySelector("main a[href='/aide?qui=YoungTarget&formes=Verbal%2CRelational&enligne=true&ecole=dehors&souhaits=Listening%2CActionAtSchool']"));
    }

    [Fact]
    public async Task SomeoneInDangerSeesTheUrgentNumbersFirstAndMayGoOn()
    {
        var url = await NextAsync("/orientation/danger?qui=YoungWitness&danger=true&suivant=1", "/orientation/urgence?qui=YoungWitness&danger=true");

        var page = await app.GetPageAsync(url);
        var calls = page.QuerySelectorAll("main a[href^='tel:']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["tel:112", "tel:101", "tel:103", "tel:116000"], calls);
        Assert.NotNull(page.QuerySelector("main a[href='/orientation/quoi?qui=YoungWitness&danger=true']"));

        var dutch = await app.GetPageAsync(url, request => request.Headers.AcceptLanguage.ParseAdd("nl-BE"));
        Assert.Contains("tel:102", dutch.QuerySelectorAll("main a[href^='tel:']").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task AQuestionLeftUnansweredIsAskedAgainWithTheErrorSummary()
    {
        using var response = await app.GetAsync("/orientation/quoi?qui=Parent&danger=false&suivant=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();

        Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
        var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#formes", "#enligne"], links);
        Assert.NotNull(page.QuerySelector("main input#formes"));
        Assert.NotNull(page.QuerySelector("main input#enligne"));
        Assert.Equal("Parent", page.QuerySelector("main input[type=hidden][name=qui]")?.GetAttribute("value"));

        var who = await app.GetPageAsync("/orientation?suivant=1");
        Assert.Equal("#qui", who.QuerySelector(".error-summary a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task AnAddressThatSkipsAQuestionLeadsBackToIt()
    {
        await NextAsync("/orientation/resultat?qui=Parent&danger=false&enligne=false", "/orientation/quoi?qui=Parent&danger=false&enligne=false");
        await NextAsync("/orientation/aide?danger=true", "/orientation?danger=true");
    }

    [Theory]
    [InlineData("/orientation?qui=%3Cscript%3Ealert(1)%3C%2Fscript%3E&suivant=1", HttpStatusCode.OK)]
    [InlineData("/orientation/resultat?qui=Parent&danger=false&formes=Verbal&enligne=false&ecole=2147483647&souhaits=Advice", HttpStatusCode.Redirect)]
    [InlineData("/orientation/resultat?qui=Parent&danger=false&formes=Verbal&enligne=false&ecole=999999999&souhaits=Advice", HttpStatusCode.Redirect)]
    [InlineData("/orientation/resultat?qui=Parent&danger=maybe&formes=1&enligne=oui&ecole=%00&souhaits=%F0%9F%98%80", HttpStatusCode.Redirect)]
    [InlineData("/orientation/ou?qui=Parent&danger=false&formes=Verbal&enligne=false&ecole=0x10&suivant=1", HttpStatusCode.Redirect)]
    [InlineData("/orientation/nulle-part?qui=Parent", HttpStatusCode.NotFound)]
    public async Task ForgedAnswersNeverBreakThePage(string url, HttpStatusCode expected)
    {
        // Every address also carries an oversized forms answer, which voids that answer as a whole:
        // a later step then leads back to the question about what is happening.
        using var response = await app.GetAsync(url + "&formes=" + new string('A', 5000));

        Assert.True(response.StatusCode == expected, $"{url} answered {(int)response.StatusCode} {response.Headers.Location}, not {(int)expected}");
        if (expected == HttpStatusCode.OK)
        {
            // The question again, saying what is wrong with the answer.
            Assert.NotNull((await response.ReadPageAsync()).QuerySelector("main .error-summary"));
        }

        if (expected == HttpStatusCode.Redirect)
        {
            // Back to a question of the assistant, on this site.
            Assert.StartsWith("/orientation", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ChoosingASchoolRecommendsItsPmsCentre()
    {
        var artem = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == "cpms-wbe-artem").Select(s => s.Id).SingleAsync(Cancellation));
        var school = await app.InDatabaseAsync(async db =>
        {
            var added = db.Schools.Add(new School("Athénée royal de l’assistant", SchoolNetwork.Wbe, artem)).Entity;
            await db.SaveChangesAsync(Cancellation);
            return added.Id;
        });

        var where = await app.GetPageAsync("/orientation/ou?qui=YoungWitness&danger=false&formes=Physical&enligne=false");
        Assert.NotNull(where.QuerySelector($"main select#ecole option[value='{school}']"));

        var result = await app.GetPageAsync($"/orientation/resultat?qui=YoungWitness&danger=false&formes=Physical&enligne=false&ecole={school}&souhaits=Advice");
        var services = Services(result);
        Assert.Contains("cpms-wbe-artem", services);
        Assert.DoesNotContain("cpms-libre-mouscron-1", services);
        Assert.Contains("C’est le centre PMS de ton école (Athénée royal de l’assistant).", result.QuerySelector("main #service-cpms-wbe-artem")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains(result.QuerySelectorAll("main a.button"), a => a.GetAttribute("href") == $"/aide?service=cpms-wbe-artem&qui=YoungWitness&formes=Physical&enligne=false&ecole={school}&souhaits=Advice");
    }

    [Fact]
    public async Task TheResultSpeaksDutchAndEnglish()
    {
        const string Url = "/orientation/resultat?qui=YoungTarget&danger=false&formes=Discriminatory&enligne=false&ecole=non&souhaits=LegalInformation";

        var dutch = await app.GetPageAsync(Url, request => request.Headers.AcceptLanguage.ParseAdd("nl-BE"));
        var english = await app.GetPageAsync(Url, request => request.Headers.AcceptLanguage.ParseAdd("en"));

        Assert.Equal("egalite-des-chances", Services(dutch)[0]);
        Assert.Contains("de dienst Gelijke Kansen luistert", dutch.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("the Equal Opportunities office listens", english.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task ACoordinatorsRuleShowsAtOnceAndEveryChangeIsAudited()
    {
        const string Url = "/orientation/resultat?qui=Other&danger=false&formes=Verbal&enligne=false&ecole=non&souhaits=Advice";
        var before = await app.GetPageAsync(Url);
        Assert.DoesNotContain("Règle d’essai", before.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var egalite = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == "egalite-des-chances").Select(s => s.Id).SingleAsync(Cancellation));
        var (coordinator, person) = await app.SignInAsAsync(ProRole.Coordinator, "egalite-des-chances");
        using var _ = coordinator;

        using (var created = await coordinator.PostFormAsync("/pro/orientation/regle", new Dictionary<string, string?>
        {
            ["Input.ServiceId"] = egalite.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles"] = "Other",
            ["Input.Forms"] = "Verbal",
            ["Input.Wishes"] = "Advice",
            ["Input.Weight"] = "100",
            ["Input.ReasonFr"] = "Règle d’essai : on t’écoute.",
        }))
        {
            ProfessionalSessions.AssertRedirect(created, "/pro/orientation", "creating a rule");
        }

        var rule = await app.InDatabaseAsync(db => db.OrientationRules.AsNoTracking().SingleAsync(r => r.ReasonFr == "Règle d’essai : on t’écoute.", Cancellation));
        var after = await app.GetPageAsync(Url);
        Assert.Equal("egalite-des-chances", Services(after)[0]);
        Assert.Contains("Règle d’essai : on t’écoute.", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var list = await coordinator.GetPageAsync("/pro/orientation");
        Assert.NotNull(list.QuerySelector($"main a[href='/pro/orientation/regle?id={rule.Id}']"));

        using (var edited = await coordinator.PostFormAsync($"/pro/orientation/regle?id={rule.Id}", new Dictionary<string, string?>
        {
            ["Input.ReasonFr"] = "Règle d’essai modifiée.",
        }))
        {
            ProfessionalSessions.AssertRedirect(edited, "/pro/orientation", "editing the rule");
        }

        Assert.Contains("Règle d’essai modifiée.", (await app.GetPageAsync(Url)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        using (var toggled = await coordinator.PostFormAsync("/pro/orientation", new Dictionary<string, string?>(), $"form[action*='id={rule.Id}&']"))
        {
            ProfessionalSessions.AssertRedirect(toggled, "/pro/orientation", "switching the rule off");
        }

        Assert.DoesNotContain("Règle d’essai", (await app.GetPageAsync(Url)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.InDatabaseAsync(db => db.OrientationRules.Where(r => r.Id == rule.Id).Select(r => r.IsActive).SingleAsync(Cancellation)));

        var audited = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(OrientationRule) && e.EntityId == rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.ActorId == person.Id)
            .OrderBy(e => e.Sequence)
            .Select(e => e.Action)
            .ToListAsync(Cancellation));
        Assert.Equal([AuditActions.Create, AuditActions.Update, AuditActions.Update], audited);
    }

    [Fact]
    public async Task ARuleWithoutAFrenchReasonIsRefusedWithEverythingKept()
    {
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var count = await app.InDatabaseAsync(db => db.OrientationRules.CountAsync(Cancellation));

        using var refused = await admin.PostFormAsync("/pro/orientation/regle", new Dictionary<string, string?>
        {
            ["Input.Roles"] = "Parent",
            ["Input.Weight"] = "250",
            ["Input.ReasonNl"] = "Alleen in het Nederlands.",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.Equal(["#Input_ServiceId", "#Input_Weight", "#Input_ReasonFr"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.True(page.QuerySelector("main input[name='Input.Roles'][value=Parent]")?.HasAttribute("checked"));
        Assert.Equal("Alleen in het Nederlands.", page.QuerySelector("main textarea[name='Input.ReasonNl']")?.TextContent);
        Assert.Equal(count, await app.InDatabaseAsync(db => db.OrientationRules.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task AMemberOrALeadMayNotEditTheRules()
    {
        foreach (var role in new[] { ProRole.Member, ProRole.Lead })
        {
            var (browser, _) = await app.SignInAsAsync(role, "le-declic");
            using var _ = browser;
            using var list = await browser.GetAsync(new Uri("/pro/orientation", UriKind.Relative), Cancellation);
            using var edit = await browser.GetAsync(new Uri("/pro/orientation/regle", UriKind.Relative), Cancellation);

            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        }
    }

    private static List<string> Services(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("main .orientation-result h2").Select(h => h.Id!["service-".Length..])];

    /// <summary>GETs <paramref name="url"/> and checks it sends on to <paramref name="expected"/>, which it returns.</summary>
    private async Task<string> NextAsync(string url, string expected)
    {
        using var response = await app.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {url} answered {(int)response.StatusCode}, not a redirect.");
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        return expected;
    }
}

public sealed class FindingHelpWithTheAssistantOnSqlite(SqliteCashApp app) : FindingHelpWithTheAssistantTests(app), IClassFixture<SqliteCashApp>;

public sealed class FindingHelpWithTheAssistantOnPostgres(PostgresCashApp app) : FindingHelpWithTheAssistantTests(app), IClassFixture<PostgresCashApp>;
