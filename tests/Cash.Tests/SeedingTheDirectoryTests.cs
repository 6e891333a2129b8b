using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// <c>db seed</c> runs at every start and on demand: it must add what is missing and never
/// undo what a service changed since. Each test edits a different service, so their order does not matter.
/// </summary>
public abstract class SeedingTheDirectoryTests(CashApp app)
{
    [Fact]
    public async Task SeedingAgainChangesNothing()
    {
        var before = await SnapshotAsync();

        await app.SeedAsync();
        await app.SeedAsync();

        var after = await SnapshotAsync();
        Assert.Equal(10, after.Services.Count);
        Assert.Equal(30, after.Texts.Count);
        Assert.Equal(before.Services, after.Services);
        Assert.Equal(before.Texts, after.Texts);
    }

    [Fact]
    public async Task SeedingKeepsAPhoneAndATextEditedSince()
    {
        const string NewPhone = "0470/11 22 33";
        const string NewText = "Écoute, accompagnement et prévention, texte revu par le service.";
        await app.InDatabaseAsync(async db =>
        {
            var declic = await db.PartnerServices.SingleAsync(s => s.Slug == "le-declic", TestContext.Current.CancellationToken);
            declic.Phone = NewPhone;
            declic.Texts.Single(t => t.Language == "fr").WhatWeCanDo = NewText;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        await app.SeedAsync();

        var declic = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking().SingleAsync(s => s.Slug == "le-declic", TestContext.Current.CancellationToken));
        Assert.Equal(NewPhone, declic.Phone);
        Assert.Equal(NewText, declic.TextFor("fr").WhatWeCanDo);
    }

    [Fact]
    public async Task SeedingBringsBackOnlyTheMissingLanguageOfAService()
    {
        var before = await SnapshotAsync();
        await app.InDatabaseAsync(async db =>
        {
            var text = await db.PartnerServiceTexts.SingleAsync(
                t => t.Language == "nl" && db.PartnerServices.Any(s => s.Id == t.PartnerServiceId && s.Slug == "egalite-des-chances"),
                TestContext.Current.CancellationToken);
            db.PartnerServiceTexts.Remove(text);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        Assert.Equal(before.Texts.Count - 1, (await SnapshotAsync()).Texts.Count);

        await app.SeedAsync();

        var after = await SnapshotAsync();
        Assert.Equal(before.Services, after.Services);
        Assert.Equal(before.Texts, after.Texts);
        var leaflet = DirectorySeeder.LoadLeaflet().Single(s => s.Slug == "egalite-des-chances").Texts["nl"];
        var restored = after.Texts.Single(t => t.Slug == "egalite-des-chances" && t.Language == "nl");
        Assert.Equal(new TextRow("egalite-des-chances", "nl", leaflet.Name, leaflet.WhatWeCanDo, leaflet.ForWhom, leaflet.Conditions, leaflet.Confidentiality), restored);
    }

    private Task<Snapshot> SnapshotAsync() => app.InDatabaseAsync(async db => new Snapshot(
        await db.PartnerServices.AsNoTracking()
            .OrderBy(s => s.Slug)
            .Select(s => new ServiceRow(s.Slug, s.Phone, s.Email, s.UpdatedAt))
            .ToListAsync(TestContext.Current.CancellationToken),
        await TextsAsync(db)));

    private static async Task<List<TextRow>> TextsAsync(CashDbContext db)
    {
        var rows = await (
            from t in db.PartnerServiceTexts.AsNoTracking()
            join s in db.PartnerServices on t.PartnerServiceId equals s.Id
            select new TextRow(s.Slug, t.Language, t.Name, t.WhatWeCanDo, t.ForWhom, t.Conditions, t.Confidentiality))
            .ToListAsync(TestContext.Current.CancellationToken);
        return [.. rows.OrderBy(t => t.Slug, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal)];
    }

    private sealed record Snapshot(List<ServiceRow> Services, List<TextRow> Texts);

    private sealed record ServiceRow(string Slug, string Phone, string Email, DateTimeOffset UpdatedAt);

    private sealed record TextRow(string Slug, string Language, string Name, string WhatWeCanDo, string ForWhom, string Conditions, string Confidentiality);
}

public sealed class SeedingTheDirectoryOnSqlite(SqliteCashApp app) : SeedingTheDirectoryTests(app), IClassFixture<SqliteCashApp>;

public sealed class SeedingTheDirectoryOnPostgres(PostgresCashApp app) : SeedingTheDirectoryTests(app), IClassFixture<PostgresCashApp>;
