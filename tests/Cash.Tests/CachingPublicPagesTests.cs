using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Schools;
using Cash.Web.Domain;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>Public pages are rendered once per language and kept in memory until the directory changes.</summary>
public abstract class CachingPublicPagesTests(CashApp app)
{
    [Fact]
    public async Task TheSamePageInTheSameLanguageComesOutOfTheCacheTheSecondTime()
    {
        const string Slug = "la-passerelle";
        var phone = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == Slug).Select(s => s.Phone).SingleAsync(TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrEmpty(phone));
        await app.EvictPublicPagesAsync();

        using var first = await app.GetAsync("/services");
        var rendered = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(phone, rendered, StringComparison.Ordinal);
        Assert.Null(first.Headers.Age);

        // Behind the app's back (raw SQL skips the eviction hook): only a page rendered again would show it.
        await SetPhoneBehindTheAppsBackAsync(Slug, "056/99 99 99");
        try
        {
            using var second = await app.GetAsync("/services");

            Assert.Equal(rendered, await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.NotNull(second.Headers.Age); // Only the output cache sets it, on what it serves from memory.
        }
        finally
        {
            await SetPhoneBehindTheAppsBackAsync(Slug, phone);
            await app.EvictPublicPagesAsync();
        }
    }

    [Fact]
    public async Task FrenchAndDutchAreKeptApart()
    {
        // The same page at the same moment, asked for in each language twice, and Dutch also by the language cookie.
        var french = await app.GetBodyAsync("/");
        var dutch = await app.GetBodyAsync("/", InDutch);
        var dutchByCookie = await app.GetBodyAsync("/", request => request.Headers.Add("Cookie", "cash-lang=c=nl-BE|uic=nl-BE"));
        var frenchAgain = await app.GetBodyAsync("/");
        var dutchAgain = await app.GetBodyAsync("/", InDutch);

        Assert.Equal(french, frenchAgain);
        Assert.Equal(dutch, dutchAgain);
        Assert.Equal(dutch, dutchByCookie);

        // They differ where the language shows: the document's language, the words, and the Dutch-speaking helpline
        // that only the Dutch page lists; the content keeps the same elements in the same order, with the same links.
        var (fr, nl) = (await Visits.ParseAsync(french), await Visits.ParseAsync(dutch));
        Assert.Equal("fr", fr.DocumentElement.GetAttribute("lang"));
        Assert.Equal("nl", nl.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Translations.Ui("Home.Title", "fr"), fr.QuerySelector("main h1")?.TextContent);
        Assert.Equal(Translations.Ui("Home.Title", "nl"), nl.QuerySelector("main h1")?.TextContent);
        Assert.Null(fr.QuerySelector("a[href='tel:102']"));
        Assert.NotNull(nl.QuerySelector("a[href='tel:102']"));
        var (frenchMain, dutchMain) = (fr.QuerySelector("main")!, nl.QuerySelector("main")!);
        Assert.Equal(Elements(frenchMain), Elements(dutchMain));
        Assert.Equal(Links(frenchMain), Links(dutchMain));
        Assert.NotEqual(frenchMain.TextContent, dutchMain.TextContent);

        static IEnumerable<string> Elements(AngleSharp.Dom.IElement within) => within.QuerySelectorAll("*").Select(e => e.LocalName);

        static IEnumerable<string?> Links(AngleSharp.Dom.IElement within) => within.QuerySelectorAll("a").Select(a => a.GetAttribute("href"));
    }

    [Fact]
    public async Task TheDirectoryIsServedFromMemoryUntilAChangeIsSaved()
    {
        const string Slug = "cpms-provincial-icet";
        // English by the browser's preference: a ?culture= visit sets the language cookie, and responses that set cookies are never cached.
        var cached = await app.GetBodyAsync("/services", InEnglish);

        // Behind the app's back (raw SQL skips the SaveChanges interceptor): the cached page must not notice.
        await app.InDatabaseAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"PartnerServices\" SET \"Phone\" = {"056/00 00 01"} WHERE \"Slug\" = {Slug}",
            TestContext.Current.CancellationToken));
        Assert.Equal(cached, await app.GetBodyAsync("/services", InEnglish));

        await app.InDatabaseAsync(async db =>
        {
            var service = await db.PartnerServices.SingleAsync(s => s.Slug == Slug, TestContext.Current.CancellationToken);
            service.Phone = "056/00 00 02";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var fresh = await app.GetBodyAsync("/services", InEnglish);
        Assert.Contains("056/00 00 02", fresh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStyleSheetIsKeptForAYearUnderItsVersionedAddressOnly()
    {
        var home = await app.GetPageAsync("/");
        var versioned = home.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
        Assert.NotNull(versioned);
        Assert.Contains("?v=", versioned, StringComparison.Ordinal);

        using var stamped = await app.GetAsync(versioned);
        using var plain = await app.GetAsync("/css/site.css");

        Assert.Equal("public, max-age=31536000, immutable", stamped.Headers.CacheControl?.ToString());
        Assert.True(plain.Headers.CacheControl?.NoCache, "an unversioned address must be revalidated");
    }

    [Fact]
    public async Task EachKindOfPublicContentIsAnnouncedOnceItsChangeIsCommitted()
    {
        var ct = TestContext.Current.CancellationToken;
        var changes = app.Services.GetRequiredService<PublicContentChanges>();
        var before = Versions(changes);

        await app.InDatabaseAsync(async db =>
        {
            db.Schools.Add(new School($"École {Guid.NewGuid():N}", SchoolNetwork.Communal, null));
            await db.SaveChangesAsync(ct);
        });
        Assert.Equal((before.Directory, before.Schools + 1, before.Rules), Versions(changes));

        await app.InDatabaseAsync(async db =>
        {
            var rule = await db.OrientationRules.OrderBy(r => r.Id).FirstAsync(ct);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                rule.Weight++;
                await db.SaveChangesAsync(ct);
                Assert.Equal((before.Directory, before.Schools + 1, before.Rules), Versions(changes));
                await transaction.RollbackAsync(ct);
            }

            Assert.Equal((before.Directory, before.Schools + 1, before.Rules), Versions(changes));
            db.ChangeTracker.Clear();

            var again = await db.OrientationRules.SingleAsync(r => r.Id == rule.Id, ct);
            var text = await db.PartnerServiceTexts.OrderBy(t => t.PartnerServiceId).FirstAsync(ct);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                again.Weight++;
                text.Conditions += " ";
                await db.SaveChangesAsync(ct);
                Assert.Equal((before.Directory, before.Schools + 1, before.Rules), Versions(changes));
                await transaction.CommitAsync(ct);
            }
        });
        Assert.Equal((before.Directory + 1, before.Schools + 1, before.Rules + 1), Versions(changes));

        // A record the public pages do not show announces nothing.
        await app.NewHelpRequest().To(null).Text("Rien de public").SaveAsync();
        Assert.Equal((before.Directory + 1, before.Schools + 1, before.Rules + 1), Versions(changes));
    }

    private static (long Directory, long Schools, long Rules) Versions(PublicContentChanges changes) =>
        (changes.VersionOf(PublicContentKinds.Directory), changes.VersionOf(PublicContentKinds.Schools), changes.VersionOf(PublicContentKinds.OrientationRules));

    private static void InEnglish(HttpRequestMessage request) => request.Headers.AcceptLanguage.ParseAdd("en");

    private static void InDutch(HttpRequestMessage request) => request.Headers.AcceptLanguage.ParseAdd("nl-BE");

    private Task<int> SetPhoneBehindTheAppsBackAsync(string slug, string phone) =>
        app.InDatabaseAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"PartnerServices\" SET \"Phone\" = {phone} WHERE \"Slug\" = {slug}",
            TestContext.Current.CancellationToken));
}

public sealed class CachingPublicPagesOnSqlite(SqliteCashApp app) : CachingPublicPagesTests(app), IClassFixture<SqliteCashApp>;

public sealed class CachingPublicPagesOnPostgres(PostgresCashApp app) : CachingPublicPagesTests(app), IClassFixture<PostgresCashApp>;
