using Cash.Tests.Infrastructure;
using Cash.Web.Operations;
using Microsoft.Extensions.Primitives;

namespace Cash.Tests;

/// <summary>The store of rendered pages: nothing stale after a change, nothing past its life, and bounded.</summary>
public sealed class KeepingRenderedPagesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly AuditClock clock = new(Start);
    private readonly RenderedPages pages;

    public KeepingRenderedPagesTests() => pages = new RenderedPages(clock);

    [Fact]
    public void APageRenderedBeforeAChangeIsNotKept()
    {
        var seen = pages.Generation;
        pages.Clear();

        Assert.False(pages.TryKeep(Key("/"), Page(100), seen));
        Assert.Null(pages.Find(Key("/")));
        Assert.True(pages.TryKeep(Key("/"), Page(100), pages.Generation));
        Assert.NotNull(pages.Find(Key("/")));
    }

    [Fact]
    public void AChangeEmptiesTheStore()
    {
        Assert.True(pages.TryKeep(Key("/"), Page(100), pages.Generation));
        Assert.True(pages.TryKeep(Key("/services"), Page(100), pages.Generation));

        pages.Clear();

        Assert.Equal(0, pages.Count);
        Assert.Null(pages.Find(Key("/")));
    }

    [Fact]
    public void APageGoesWhenItsLifeIsOver()
    {
        Assert.True(pages.TryKeep(Key("/"), Page(100, TimeSpan.FromSeconds(60)), pages.Generation));

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(pages.Find(Key("/")));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(pages.Find(Key("/")));
        Assert.Equal(0, pages.Count);
    }

    [Fact]
    public void LanguagesCodingsAndQueriesAreKeptApart()
    {
        Assert.True(pages.TryKeep(Key("/", culture: "fr-BE"), Page(1), pages.Generation));

        Assert.Null(pages.Find(Key("/", culture: "nl-BE")));
        Assert.Null(pages.Find(Key("/", coding: PublicPageCompression.Brotli)));
        Assert.Null(pages.Find(Key("/", query: "?qui=Parent")));
        Assert.Null(pages.Find(Key("/", https: true)));
        Assert.Null(pages.Find(Key("/", host: "elsewhere.example")));
        Assert.NotNull(pages.Find(Key("/", culture: "fr-BE")));
    }

    [Fact]
    public void MadeUpAddressesCannotFillMemoryBeyondTheBound()
    {
        for (var i = 0; i < RenderedPages.MaxPages; i++)
        {
            Assert.True(pages.TryKeep(Key("/orientation", query: "?x=" + i), Page(10), pages.Generation));
        }

        Assert.False(pages.TryKeep(Key("/orientation", query: "?x=one-more"), Page(10), pages.Generation));
        Assert.Equal(RenderedPages.MaxPages, pages.Count);

        // Once the made-up pages have expired, room is made again (at most one sweep a second).
        clock.Advance(PublicOutputCache.Expiry);
        Assert.True(pages.TryKeep(Key("/"), Page(10), pages.Generation));
        Assert.Equal(1, pages.Count);
    }

    [Fact]
    public void TheBytesKeptAreBoundedAndSoIsOnePage()
    {
        Assert.False(pages.TryKeep(Key("/huge"), Page(RenderedPages.MaxPageBytes + 1), pages.Generation));

        var kept = 0;
        while (pages.TryKeep(Key("/page", query: "?n=" + kept), Page(RenderedPages.MaxPageBytes), pages.Generation))
        {
            kept++;
        }

        Assert.Equal(RenderedPages.MaxBytes / RenderedPages.MaxPageBytes, kept);
        pages.Clear();
        Assert.True(pages.TryKeep(Key("/page"), Page(RenderedPages.MaxPageBytes), pages.Generation));
    }

    [Fact]
    public void ATemplateHasOneFreshValueBetweenEachTwoParts()
    {
        Assert.Throws<ArgumentException>(() => new RenderedPage([], [new byte[1], new byte[1]], [], Start, Start.AddMinutes(1)));
        var template = new RenderedPage([], [new byte[3], new byte[4]], [PerVisitValue.AntiforgeryToken], Start, Start.AddMinutes(1));
        Assert.True(template.IsTemplate);
        Assert.Equal(7, template.LiteralLength);
    }

    private static RenderedPageKey Key(string path, string query = "", string culture = "fr-BE", string coding = PublicPageCompression.Identity, bool https = false, string host = "localhost") =>
        new(https, host, path, query, culture, coding);

    private RenderedPage Page(int size, TimeSpan? life = null) => new(
        [new("Content-Type", new StringValues("text/html; charset=utf-8"))],
        [new byte[size]],
        [],
        clock.GetUtcNow(),
        clock.GetUtcNow() + (life ?? PublicOutputCache.Expiry));
}
