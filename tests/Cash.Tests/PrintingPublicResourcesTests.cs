using System.Net;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Publications;
using Cash.Web.Operations;
using Cash.Web.Publications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Cash.Tests;

/// <summary>
/// The network's supports at <c>/ressources</c>: each page and each PDF is made from what is
/// published at the time (the procedures, the coordinators' latest texts, the directory's contacts),
/// every PDF carries a QR code to its page and the print date, on paper of the exact size.
/// </summary>
public abstract class PrintingPublicResourcesTests(CashApp app)
{
    private const string SiteBase = "https://cash.example.be";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, double, double> Formats => new()
    {
        { "procedure-ecole", "a4", 595.28, 841.89 },
        { "procedure-parents", "a4", 595.28, 841.89 },
        { "affiche", "a4", 595.28, 841.89 },
        { "affiche", "a3", 841.89, 1190.55 },
        { "fiche-journal-de-classe", "a5", 419.53, 595.28 },
        { "fiche-journal-de-classe", "a6", 297.64, 419.53 },
    };

    [Fact]
    public async Task APhoneNumberChangedInTheDirectoryShowsOnTheSheetAndInItsPdfsAndTheOldOneNoLonger()
    {
        var before = await app.GetPageAsync("/ressources/fiche-journal-de-classe");
        var oldPhone = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == "le-declic").Select(s => s.Phone).SingleAsync(Cancellation));
        Assert.Contains(oldPhone, before.QuerySelector("#service-le-declic")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var oldLinks = PdfLinks(before);
        Assert.Contains(Squeezed(oldPhone), Squeezed(PdfText(await GetPdfAsync(app, oldLinks[0]))), StringComparison.Ordinal);

        var newPhone = $"056/{Random.Shared.Next(10, 99)} {Random.Shared.Next(10, 99)} {Random.Shared.Next(10, 99)}";
        await app.InDatabaseAsync(async db =>
        {
            var service = await db.PartnerServices.SingleAsync(s => s.Slug == "le-declic", Cancellation);
            service.Phone = newPhone;
            await db.SaveChangesAsync(Cancellation);
        });

        var after = await app.GetPageAsync("/ressources/fiche-journal-de-classe");
        var card = after.QuerySelector("#service-le-declic")!.ParentElement!.TextContent;
        Assert.Contains(newPhone, card, StringComparison.Ordinal);
        Assert.DoesNotContain(oldPhone, card, StringComparison.Ordinal);
        var newLinks = PdfLinks(after);
        Assert.Equal(2, newLinks.Count);
        Assert.Empty(newLinks.Intersect(oldLinks));
        foreach (var link in newLinks)
        {
            var text = Squeezed(PdfText(await GetPdfAsync(app, link)));
            Assert.Contains(Squeezed(newPhone), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Squeezed(oldPhone), text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task EachPdfIsOnPaperOfTheExactSizeWithAQrCodeToItsPageAndThePrintDate(string slug, string format, double width, double height)
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting(SiteAddress.ConfigurationKey, SiteBase));
        var page = await site.GetPageAsync($"/ressources/{slug}");
        var link = PdfLinks(page).Single(l => l.StartsWith($"/ressources/imprimer/{slug}/{format}?v=", StringComparison.Ordinal));

        using var response = await site.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"cash-{slug}-{format}-fr.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);
        using var pdf = PdfDocument.Open(bytes);
        Assert.All(pdf.GetPages(), p =>
        {
            Assert.Equal(width, p.Width, 0.005);
            Assert.Equal(height, p.Height, 0.005);
            Assert.Contains("Imprimé le", p.Text, StringComparison.Ordinal);
            Assert.Equal($"{SiteBase}/ressources/{slug}", QrCodeOn(p));

            // No text runs off the paper, nor into the QR code.
            var qr = Assert.Single(p.GetImages()).BoundingBox;
            Assert.All(p.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)), l =>
            {
                Assert.InRange(l.BoundingBox.Left, 0, width);
                Assert.InRange(l.BoundingBox.Right, 0, width);
                Assert.InRange(l.BoundingBox.Bottom, 0, height);
                Assert.InRange(l.BoundingBox.Top, 0, height);
                Assert.False(l.BoundingBox.Right > qr.Left && l.BoundingBox.Left < qr.Right && l.BoundingBox.Top > qr.Bottom && l.BoundingBox.Bottom < qr.Top, $"'{l.Value}' is drawn over the QR code.");
            });
        });
        Assert.Contains("+DejaVu Sans", string.Join(" ", pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACoordinatorsNewTextIsShownAtOnceAndTheLinkToThePdfChanges()
    {
        var before = PdfLinks(await app.GetPageAsync("/ressources/affiche"));
        var (coordinator, person) = await app.SignInAsAsync(ProRole.Coordinator, "le-declic");
        using var _ = coordinator;
        var marker = $"Ensemble contre le harcèlement {Guid.NewGuid():N}"[..40];

        using var saved = await coordinator.PostFormAsync("/pro/publications/affiche/fr", new Dictionary<string, string?> { ["Input.Markdown"] = $"# {marker}\n\nParle à un adulte." });

        ProfessionalSessions.AssertRedirect(saved, "/pro/publications/affiche/fr", "saving the poster's text");
        var page = await app.GetPageAsync("/ressources/affiche");
        Assert.Equal(marker, page.QuerySelector("#resource-title")?.TextContent);
        Assert.Equal("Parle à un adulte.", page.QuerySelector(".publication-text")?.TextContent.Trim());
        var after = PdfLinks(page);
        Assert.Empty(after.Intersect(before));
        Assert.Contains(Squeezed(marker), Squeezed(PdfText(await GetPdfAsync(app, after[1]))), StringComparison.Ordinal);
        var edit = await coordinator.GetPageAsync("/pro/publications/affiche/fr");
        Assert.True(edit.QuerySelectorAll("#history-title ~ ol li").Length >= 2, "Every save is a version in the history.");
        var version = await app.InDatabaseAsync(db => db.PublicationTexts.AsNoTracking()
            .Where(t => t.Kind == PublicationKind.Poster && t.Language == "fr").OrderByDescending(t => t.Number).FirstAsync(Cancellation));
        Assert.Equal(person.Id, version.SavedBy);
        var id = version.Id.ToString();
        Assert.Equal(
            [Cash.Web.Domain.Audit.AuditActions.Create],
            await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == nameof(PublicationText) && e.EntityId == id && e.ActorId == person.Id)
                .Select(e => e.Action).ToListAsync(Cancellation)));

        // The other languages keep their own text.
        var dutch = await app.GetPageAsync("/ressources/affiche?culture=nl-BE");
        Assert.DoesNotContain(marker, dutch.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APdfIsMadeOnceAndServedFromMemoryUntilWhatItPrintsChanges()
    {
        var link = PdfLinks(await app.GetPageAsync("/ressources/procedure-parents"))[0];

        var first = await GetPdfAsync(app, link);
        var second = await GetPdfAsync(app, link);

        // A file made again would carry another creation time and document id.
        Assert.Equal(first, second);
        await app.EvictPublicPagesAsync();
        Assert.NotEqual(first, await GetPdfAsync(app, link));
    }

    [Fact]
    public async Task APreviewShowsTheTextAsItWillBePrintedAndSavesNothing()
    {
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "le-declic");
        using var _ = coordinator;
        var count = await VersionsAsync(PublicationKind.ClassDiarySheet, "en");
        var token = await coordinator.AntiforgeryTokenAsync("/pro/publications/fiche-journal-de-classe/en");
        var baseNumber = await LatestAsync(PublicationKind.ClassDiarySheet, "en");

        using var preview = await coordinator.PostRawAsync("/pro/publications/fiche-journal-de-classe/en?handler=Preview", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Markdown"] = "## Seen first\n\n- **one** item",
            ["Input.Base"] = baseNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.ReadPageAsync();
        Assert.Equal("Seen first", page.QuerySelector(".preview h2 + .publication-text h2")?.TextContent);
        Assert.Equal("one", page.QuerySelector(".preview li strong")?.TextContent);
        Assert.Equal("## Seen first\n\n- **one** item", page.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.Replace("\r", "", StringComparison.Ordinal).Trim());
        Assert.Equal(count, await VersionsAsync(PublicationKind.ClassDiarySheet, "en"));
    }

    [Fact]
    public async Task ATextSavedMeanwhileBySomeoneElseIsNotOverwrittenAndWhatWasTypedIsKept()
    {
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "le-declic");
        using var _ = coordinator;
        var token = await coordinator.AntiforgeryTokenAsync("/pro/publications/affiche/nl");
        var stale = await LatestAsync(PublicationKind.Poster, "nl");
        using var first = await coordinator.PostFormAsync("/pro/publications/affiche/nl", new Dictionary<string, string?> { ["Input.Markdown"] = "# Eerste versie" });
        ProfessionalSessions.AssertRedirect(first, "/pro/publications/affiche/nl");

        using var second = await coordinator.PostRawAsync("/pro/publications/affiche/nl", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Markdown"] = "# Tweede versie",
            ["Input.Base"] = stale.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await second.ReadPageAsync();
        Assert.Equal("# Tweede versie", page.QuerySelector("textarea[name='Input.Markdown']")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".error-summary, [role='alert']"));
        Assert.Equal(stale + 1, await LatestAsync(PublicationKind.Poster, "nl"));
        Assert.Contains("Eerste versie", (await app.GetPageAsync("/ressources/affiche?culture=nl-BE")).QuerySelector("#resource-title")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptsAndJavascriptLinksInATextAreInertOnThePageAndInThePdf()
    {
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "le-declic");
        using var _ = coordinator;
        const string Markdown = "# Attention\n\n<script>alert(1)</script>\n\n[clic](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://example.org)";

        using var saved = await coordinator.PostFormAsync("/pro/publications/affiche/en", new Dictionary<string, string?> { ["Input.Markdown"] = Markdown });

        ProfessionalSessions.AssertRedirect(saved, "/pro/publications/affiche/en");
        var page = await app.GetPageAsync("/ressources/affiche?culture=en");
        var text = page.QuerySelector(".publication-text")!;
        Assert.Empty(text.QuerySelectorAll("script, img, [onerror]"));
        Assert.Empty(text.QuerySelectorAll("a[href]:not([href^='https://'])"));
        Assert.Equal("https://example.org", text.QuerySelector("a[href]")?.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("a[href^='javascript']"));
        var pdf = PdfText(await GetPdfAsync(app, PdfLinks(page)[0], "en"));
        Assert.DoesNotContain("javascript", pdf, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://example.org", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProcedureShowsItsPublishedStepsInOrderWithSuggestedDeadlinesNeverLegalOnes()
    {
        var page = await app.GetPageAsync("/ressources/procedure-ecole");

        var steps = page.QuerySelectorAll("ol.procedure-steps > li h2").Select(h => h.TextContent).ToList();
        Assert.True(steps.Count >= 3, "The seeded procedure has its steps.");
        Assert.StartsWith("Entendre d'abord l'élève visé", steps[0], StringComparison.Ordinal);
        Assert.Contains("à valider par le réseau", page.QuerySelector("main .lead")?.TextContent, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("ol.procedure-steps .hint"), h => Assert.Contains("pas un délai légal", h.TextContent, StringComparison.Ordinal));
        var pdf = PdfText(await GetPdfAsync(app, PdfLinks(page)[0]));
        Assert.Contains(Squeezed("1. Entendre d'abord"), Squeezed(pdf), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync("/ressources/imprimer/procedure-ecole/a6")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync("/ressources/inconnue")).StatusCode);
    }

    [Fact]
    public void AWordLongerThanALineIsCutIntoPiecesThatFitAndNothingIsLost()
    {
        PrintFonts.Install();
        var blob = string.Concat(Enumerable.Range(0, 800).Select(i => (char)('a' + (i % 26))));
        var document = new ResourceDocument(PrintedResource.Poster, "fr", "Affiche", [new PrintBlock(BlockKind.Paragraph, blob)], "", null, []);

        var bytes = ResourcePdf.Render(document, PaperFormat.A6, new Uri("https://cash.example.be/ressources/affiche"), "3 décembre 2026", "Scannez-moi");

        using var pdf = PdfDocument.Open(bytes);
        var page = pdf.GetPage(1);
        var pieces = page.GetWords().Where(w => w.Text.All(char.IsAsciiLetterLower) && w.Text.Length > 1).ToList();
        Assert.True(pieces.Count > 1, "The word was not cut.");
        Assert.Equal(blob, string.Concat(pieces.Select(w => w.Text)));
        Assert.All(pieces, w => Assert.True(w.BoundingBox.Right <= page.Width, $"A piece runs off the page at {w.BoundingBox.Right}."));
    }

    [Fact]
    public void ATranslationNotYetWrittenFallsBackToTheFrenchText()
    {
        var texts = new PublishedTexts(
        [
            new PublicationText(Guid.NewGuid(), PublicationKind.Poster, "fr", 1, "Premier", null, DateTimeOffset.UnixEpoch),
            new PublicationText(Guid.NewGuid(), PublicationKind.Poster, "fr", 2, "Second", null, DateTimeOffset.UnixEpoch),
            new PublicationText(Guid.NewGuid(), PublicationKind.Poster, "en", 1, "English", null, DateTimeOffset.UnixEpoch),
        ]);

        Assert.Equal("Second", texts.MarkdownOf(PublicationKind.Poster, "nl"));
        Assert.Equal("English", texts.MarkdownOf(PublicationKind.Poster, "en"));
        Assert.Equal("", texts.MarkdownOf(PublicationKind.ClassDiarySheet, "fr"));
    }

    private static List<string> PdfLinks(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("main .pdf-links a").Select(a => a.GetAttribute("href")!)];

    private static async Task<byte[]> GetPdfAsync(WebApplicationFactory<Program> site, string link, string? language = null)
    {
        var url = language is null ? link : $"{link}&culture={language}";
        using var response = await site.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Cancellation);
    }

    private static string PdfText(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private static string Squeezed(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    /// <summary>The QR code drawn on <paramref name="page"/>, read from the image's pixels as the PDF holds them.</summary>
    private static string? QrCodeOn(UglyToad.PdfPig.Content.Page page)
    {
        var image = Assert.Single(page.GetImages());
        Assert.True(image.TryGetBytesAsMemory(out var memory), "The QR code's pixels can be read.");
        var (width, height) = (image.WidthInSamples, image.HeightInSamples);
        var pixels = memory.ToArray();
        var components = pixels.Length / (width * height);
        var luminance = new byte[width * height];
        for (var i = 0; i < luminance.Length; i++)
        {
            luminance[i] = pixels[i * components];
        }

        var source = new PlanarYUVLuminanceSource(luminance, width, height, 0, 0, width, height, false);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        return result?.Text;
    }

    private Task<int> VersionsAsync(PublicationKind kind, string language) =>
        app.InDatabaseAsync(db => db.PublicationTexts.CountAsync(t => t.Kind == kind && t.Language == language, Cancellation));

    private Task<int> LatestAsync(PublicationKind kind, string language) =>
        app.InDatabaseAsync(db => db.PublicationTexts.Where(t => t.Kind == kind && t.Language == language).MaxAsync(t => t.Number, Cancellation));
}

public sealed class PrintingPublicResourcesOnSqlite(SqliteCashApp app) : PrintingPublicResourcesTests(app), IClassFixture<SqliteCashApp>;

public sealed class PrintingPublicResourcesOnPostgres(PostgresCashApp app) : PrintingPublicResourcesTests(app), IClassFixture<PostgresCashApp>;
