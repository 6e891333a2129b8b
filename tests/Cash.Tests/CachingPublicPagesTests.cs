using Cash.Tests.Infrastructure;
using Cash.Web.Domain;
using Cash.Web.Domain.Schools;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>Public pages are rendered once per language and kept in memory until the directory changes.</summary>
public abstract class CachingPublicPagesTests(CashApp app)
{
    [Fact]
    public async Task TheSamePageInTheSameLanguageComesOutIdentical()
    {
        var first = await app.GetBodyAsync("/services");
        var second = await app.GetBodyAsync("/services");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task FrenchAndDutchAreKeptApart()
    {
        var french = await app.GetBodyAsync("/");
        var dutchByCookie = await app.GetPageAsync("/", request => request.Headers.Add("Cookie", "cash-lang=c=nl-BE|uic=nl-BE"));
        var dutchByBrowser = await app.GetPageAsync("/", request => request.Headers.AcceptLanguage.ParseAdd("nl-BE"));
        var frenchAgain = await app.GetBodyAsync("/");

        Assert.Equal("nl", dutchByCookie.DocumentElement.GetAttribute("lang"));
        Assert.Equal("nl", dutchByBrowser.DocumentElement.GetAttribute("lang"));
        Assert.NotEqual(french, dutchByCookie.DocumentElement.OuterHtml);
        Assert.Equal(french, frenchAgain);
        Assert.Equal("fr", (await Visits.ParseAsync(frenchAgain)).DocumentElement.GetAttribute("lang"));
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
        await app.CreateHelpRequestAsync(null, "Rien de public");
        Assert.Equal((before.Directory + 1, before.Schools + 1, before.Rules + 1), Versions(changes));
    }

    private static (long Directory, long Schools, long Rules) Versions(PublicContentChanges changes) =>
        (changes.VersionOf(PublicContentKinds.Directory), changes.VersionOf(PublicContentKinds.Schools), changes.VersionOf(PublicContentKinds.OrientationRules));

    private static void InEnglish(HttpRequestMessage request) => request.Headers.AcceptLanguage.ParseAdd("en");
}

public sealed class CachingPublicPagesOnSqlite(SqliteCashApp app) : CachingPublicPagesTests(app), IClassFixture<SqliteCashApp>;

public sealed class CachingPublicPagesOnPostgres(PostgresCashApp app) : CachingPublicPagesTests(app), IClassFixture<PostgresCashApp>;
