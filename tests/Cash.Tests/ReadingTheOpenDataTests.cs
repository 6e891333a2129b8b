using System.Net;
using System.Text.Json;
using Cash.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

public abstract class ReadingTheOpenDataTests(CashApp app)
{
    [Fact]
    public async Task TheApiListsExactlyWhatTheDatabaseHolds()
    {
        using var response = await app.GetAsync("/api/services");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var stored = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking()
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Slug)
            .ToListAsync(TestContext.Current.CancellationToken));
        var listed = json.RootElement.EnumerateArray().ToList();

        Assert.Equal(stored.Select(s => s.Slug), listed.Select(s => s.GetProperty("slug").GetString()));
        Assert.Equal(Leaflet.Slugs.Order(StringComparer.Ordinal), listed.Select(s => s.GetProperty("slug").GetString()).Order(StringComparer.Ordinal));
        foreach (var (service, item) in stored.Zip(listed))
        {
            Assert.Equal(service.Phone, item.GetProperty("phone").GetString());
            Assert.Equal(service.PhoneUri, item.GetProperty("phoneUri").GetString());
            Assert.Equal(service.Email, item.GetProperty("email").GetString());
            var texts = item.GetProperty("texts");
            Assert.Equal(["en", "fr", "nl"], texts.EnumerateObject().Select(t => t.Name).Order(StringComparer.Ordinal));
            foreach (var text in service.Texts)
            {
                Assert.Equal(text.Name, texts.GetProperty(text.Language).GetProperty("name").GetString());
                Assert.Equal(text.WhatWeCanDo, texts.GetProperty(text.Language).GetProperty("whatWeCanDo").GetString());
            }
        }
    }

    [Fact]
    public async Task AClientThatHasTheDirectoryAlreadyGetsNotModified()
    {
        using var first = await app.GetAsync("/api/services");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var second = await app.GetAsync("/api/services", request => request.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task APhoneChangedInTheDatabaseShowsAtOnceInTheApiAndTheDirectory()
    {
        const string NewPhone = "056/99 88 77";
        using var before = await app.GetAsync("/api/services");
        var oldTag = before.Headers.ETag;
        Assert.NotNull(oldTag);
        var oldPhone = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == "la-passerelle").Select(s => s.Phone).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Contains(oldPhone, await app.GetBodyAsync("/services"), StringComparison.Ordinal);

        await app.InDatabaseAsync(async db =>
        {
            var service = await db.PartnerServices.SingleAsync(s => s.Slug == "la-passerelle", TestContext.Current.CancellationToken);
            service.Phone = NewPhone;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        using var after = await app.GetAsync("/api/services", request => request.Headers.IfNoneMatch.Add(oldTag));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(oldTag, after.Headers.ETag);
        using var json = JsonDocument.Parse(await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var passerelle = json.RootElement.EnumerateArray().Single(s => s.GetProperty("slug").GetString() == "la-passerelle");
        Assert.Equal(NewPhone, passerelle.GetProperty("phone").GetString());
        Assert.Equal("tel:+3256998877", passerelle.GetProperty("phoneUri").GetString());

        var directory = await app.GetPageAsync("/services");
        var card = directory.QuerySelector("main a[href='/services/la-passerelle']")?.Closest("article");
        Assert.Equal(NewPhone, card?.QuerySelector("a[href^='tel:']")?.TextContent.Trim());
        Assert.DoesNotContain(oldPhone, directory.Body?.TextContent ?? "", StringComparison.Ordinal);
    }
}

public sealed class ReadingTheOpenDataOnSqlite(SqliteCashApp app) : ReadingTheOpenDataTests(app), IClassFixture<SqliteCashApp>;

public sealed class ReadingTheOpenDataOnPostgres(PostgresCashApp app) : ReadingTheOpenDataTests(app), IClassFixture<PostgresCashApp>;
