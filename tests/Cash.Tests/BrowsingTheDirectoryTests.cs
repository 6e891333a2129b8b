using Cash.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

public abstract class BrowsingTheDirectoryTests(CashApp app)
{
    [Theory]
    [InlineData("fr-BE")]
    [InlineData("nl-BE")]
    [InlineData("en")]
    public async Task EveryServiceShowsTheLeafletsPhoneAndEmail(string culture)
    {
        var page = await app.GetPageAsync($"/services?culture={culture}");

        Assert.Equal(
            Leaflet.Slugs.Select(slug => $"/services/{slug}").Order(StringComparer.Ordinal),
            page.QuerySelectorAll("main a[href^='/services/']").Select(a => a.GetAttribute("href")).Distinct().Order(StringComparer.Ordinal));
        foreach (var service in Leaflet.Services)
        {
            var card = page.QuerySelector($"main a[href='/services/{service.Slug}']")?.Closest("article");
            Assert.True(card is not null, $"No card links to /services/{service.Slug}.");
            Assert.Contains(service.Name, card.QuerySelector("h2, h3")?.TextContent ?? "", StringComparison.OrdinalIgnoreCase);

            var phone = Assert.Single(card.QuerySelectorAll("a[href^='tel:']"));
            Assert.Equal(service.PhoneUri, phone.GetAttribute("href"));
            Assert.Equal(service.Phone, phone.TextContent.Trim());

            var email = Assert.Single(card.QuerySelectorAll("a[href^='mailto:']"));
            Assert.Equal($"mailto:{service.Email}", email.GetAttribute("href"));
            Assert.Equal(service.Email, email.TextContent.Trim());
        }
    }

    [Fact]
    public async Task EachServicesOwnPageGivesItsPhoneAndEmail()
    {
        foreach (var service in Leaflet.Services)
        {
            var page = await app.GetPageAsync($"/services/{service.Slug}");

            Assert.Contains(service.Name, page.QuerySelector("h1")?.TextContent ?? "", StringComparison.OrdinalIgnoreCase);
            var main = page.QuerySelector("main")!;
            Assert.Equal(service.Phone, main.QuerySelector($"a[href='{service.PhoneUri}']")?.TextContent.Trim());
            Assert.Equal(service.Email, main.QuerySelector($"a[href='mailto:{service.Email}']")?.TextContent.Trim());
        }
    }

    [Fact]
    public async Task TheDatabaseHoldsExactlyTheLeafletsTenServices()
    {
        var stored = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking()
            .OrderBy(s => s.Slug)
            .Select(s => new { s.Slug, s.Phone, s.Email })
            .ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(
            Leaflet.Services.Select(s => (s.Slug, s.Phone, s.Email)).OrderBy(s => s.Slug, StringComparer.Ordinal),
            stored.Select(s => (s.Slug, s.Phone, s.Email)));
    }
}

public sealed class BrowsingTheDirectoryOnSqlite(SqliteCashApp app) : BrowsingTheDirectoryTests(app), IClassFixture<SqliteCashApp>;

public sealed class BrowsingTheDirectoryOnPostgres(PostgresCashApp app) : BrowsingTheDirectoryTests(app), IClassFixture<PostgresCashApp>;
