using System.Net;
using System.Net.Http.Headers;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Documents on a situation (issue 10, point 6): PDF, PNG and JPEG up to 10 MB, the type judged by the
/// bytes and never by the name or the browser's word; stored encrypted; downloaded only as an
/// attachment, never cached, each download audited; a larger body is accepted by this page alone;
/// nobody outside the situation finds a document, not even by putting its id under another situation.
/// </summary>
public abstract class HandingOverDocumentsTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUploadedPdfIsStoredEncryptedAndDownloadedAsAnAttachmentThatIsNeverCached()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation).SaveAsync();
        var marker = "Rapport de l'école " + Guid.NewGuid();
        var pdf = SampleFiles.Pdf(marker);
        using var lead = await app.SignInAsync(situation.Opener);

        // The browser calls it a PNG: the bytes say PDF, and PDF it is.
        using (var uploaded = await UploadAsync(lead, situation.DocumentsUrl, "rapport école.pdf", pdf, "image/png"))
        {
            ProfessionalSessions.AssertRedirect(uploaded, situation.DocumentsUrl, "uploading a PDF");
        }

        var stored = await app.InDatabaseAsync(db => db.SituationDocuments.AsNoTracking().SingleAsync(d => d.SituationId == situation.Id, Cancellation));
        Assert.Equal(DocumentType.Pdf, stored.Type);
        Assert.Equal(pdf.Length, stored.Length);
        Assert.False(stored.Content!.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(marker)) >= 0, "The content is stored in clear.");

        // Another involved service lists and downloads it.
        var (mediation, person) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (mediation)
        {
            var list = await mediation.GetPageAsync(situation.DocumentsUrl);
            var link = list.QuerySelector($"tr[data-document='{stored.Id}'] a")!;
            Assert.StartsWith("rapport école.pdf", link.TextContent, StringComparison.Ordinal);
            Assert.Equal(situation.DownloadUrl(stored.Id), link.GetAttribute("href"));

            using var download = await mediation.GetAsync(new Uri(situation.DownloadUrl(stored.Id), UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Cancellation));
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            var disposition = download.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal("rapport école.pdf", disposition.FileNameStar);
            Assert.Equal("no-store", download.Headers.CacheControl?.ToString());
            Assert.Equal(["nosniff"], download.Header("X-Content-Type-Options"));

            // Each download is audited, as an export of the document, naming who took it.
            var exports = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
                .Where(e => e.Action == AuditActions.Export && e.EntityId == stored.Id.ToString()).ToListAsync(Cancellation));
            var export = Assert.Single(exports);
            Assert.Equal(person.Id, export.ActorId);
            Assert.Equal(nameof(SituationDocument), export.EntityType);
        }
    }

    [Fact]
    public async Task AFileNamedPngThatHoldsHtmlIsRefusedWithAClearFieldError()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        using var lead = await app.SignInAsync(situation.Opener);

        using var refused = await UploadAsync(lead, situation.DocumentsUrl, "capture.png", "<html><script>alert(1)</script></html>"u8.ToArray(), "image/png");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.Equal("#Upload", page.QuerySelector(".error-summary a")?.GetAttribute("href"));
        Assert.Equal(Translations.Situation("Document.Upload.WrongType", "fr"), page.QuerySelector(".error-summary a")?.TextContent);
        Assert.NotNull(page.QuerySelector("#Upload[aria-invalid='true']"));
        Assert.StartsWith(Translations.Ui("Form.ErrorPrefix", "fr"), page.Title, StringComparison.Ordinal);
        Assert.Equal(0, await app.InDatabaseAsync(db => db.SituationDocuments.CountAsync(d => d.SituationId == situation.Id, Cancellation)));
    }

    [Fact]
    public async Task TenMegabytesAreAcceptedOnThisPageAloneAndOneByteMoreIsRefused()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        using var lead = await app.SignInAsync(situation.Opener);
        var largest = new byte[SituationDocument.MaxBytes];
        SampleFiles.Jpeg("le plus grand").CopyTo(largest, 0);

        using (var accepted = await UploadAsync(lead, situation.DocumentsUrl, "scan.jpg", largest, "image/jpeg"))
        {
            ProfessionalSessions.AssertRedirect(accepted, situation.DocumentsUrl, "uploading 10 MB");
        }

        var tooLarge = new byte[SituationDocument.MaxBytes + 1];
        largest.CopyTo(tooLarge, 0);
        using (var refused = await UploadAsync(lead, situation.DocumentsUrl, "scan.jpg", tooLarge, "image/jpeg"))
        {
            var page = await refused.ReadPageAsync();
            Assert.Equal(Translations.Situation("Document.Upload.TooLarge", "fr"), page.QuerySelector(".error-summary a")?.TextContent);
        }

        var stored = Assert.Single(await app.InDatabaseAsync(db => db.SituationDocuments.AsNoTracking().Where(d => d.SituationId == situation.Id).ToListAsync(Cancellation)));
        Assert.Equal(SituationDocument.MaxBytes, stored.Length);

        // The journal keeps the ordinary limit of a form.
        using var journal = await lead.PostRawAsync(situation.JournalUrl, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await lead.AntiforgeryTokenAsync(situation.JournalUrl),
            ["Write.Text"] = new string('x', 200_000),
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, journal.StatusCode);
    }

    [Fact]
    public async Task AHostileNameIsKeptAsTextAndNeverReachesTheDownloadHeader()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        using var lead = await app.SignInAsync(situation.Opener);

        // As a browser sends it: the path of the sender's machine, markup, and a quote written %22.
        using (var uploaded = await UploadAsync(lead, situation.DocumentsUrl, "C:\\Users\\moi\\<img src=x onerror=alert(1)>%22;.html.png", SampleFiles.Png("capture"), "text/html"))
        {
            ProfessionalSessions.AssertRedirect(uploaded, situation.DocumentsUrl, "uploading a PNG with a hostile name");
        }

        var list = await lead.GetPageAsync(situation.DocumentsUrl);
        Assert.Null(list.QuerySelector("main img"));
        var id = await app.InDatabaseAsync(db => db.SituationDocuments.Where(d => d.SituationId == situation.Id).Select(d => d.Id).SingleAsync(Cancellation));
        var shown = list.QuerySelector($"tr[data-document='{id}'] a")!.TextContent;
        Assert.StartsWith("<img src=x onerror=alert(1)>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Users", shown, StringComparison.Ordinal);

        using var download = await lead.GetAsync(new Uri(situation.DownloadUrl(id), UriKind.Relative), Cancellation);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches("^img src_x onerror_alert_1_+[A-Za-z0-9_ ]*html\\.png$", disposition.FileNameStar);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NobodyOutsideTheSituationFindsADocumentNotEvenUnderAnotherSituation()
    {
        var marker = "Capture confiée " + Guid.NewGuid();
        var theirs = await app.NewSituation(Declic).Document(Declic, "capture.png", SampleFiles.Png(marker)).SaveAsync();
        var documentId = theirs.Documents[0];
        var ours = await app.NewSituation(Passerelle).SaveAsync();

        // A member of La Passerelle, involved in a situation of its own, asks for the document under it and under its own.
        using var passerelle = await app.SignInAsync(ours.Opener);
        foreach (var url in new[] { $"/pro/situations/{ours.Id}/documents/{documentId}", theirs.DownloadUrl(documentId), theirs.DocumentsUrl })
        {
            using var response = await passerelle.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // So does someone of the lead service, under the wrong situation.
        using var lead = await app.SignInAsync(theirs.Opener);
        using (var wrong = await lead.GetAsync(new Uri($"/pro/situations/{ours.Id}/documents/{documentId}", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        }

        foreach (var (role, slug) in new[] { (ProRole.Coordinator, "egalite-des-chances"), (ProRole.Administrator, (string?)null) })
        {
            var (browser, _) = await app.SignInAsAsync(role, slug);
            using (browser)
            {
                using var response = await browser.GetAsync(new Uri(theirs.DownloadUrl(documentId), UriKind.Relative), Cancellation);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                using var upload = await UploadAsync(browser, theirs.DocumentsUrl, "x.png", SampleFiles.Png("x"), "image/png", await browser.AntiforgeryTokenAsync("/pro/compte"));
                Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
            }
        }

        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Export && e.EntityId == documentId.ToString(), Cancellation)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.SituationDocuments.CountAsync(d => d.SituationId == theirs.Id, Cancellation)));
    }

    [Fact]
    public async Task ADocumentComesBackByteForByteAfterTheKeysAreRotated()
    {
        // Bytes that are no valid UTF-8: a rotation that went through text would replace them.
        var image = SampleFiles.Jpeg("rotation");
        var situation = await app.NewSituation(Declic).Document(Declic, "photo.jpg", image).SaveAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rotated = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Cancellation);
            Assert.True(rotated.ReencryptedByColumn["SituationDocuments.Content"] >= 1);
        }

        using var lead = await app.SignInAsync(situation.Opener);
        using var download = await lead.GetAsync(new Uri(situation.DownloadUrl(situation.Documents[0]), UriKind.Relative), Cancellation);
        Assert.Equal(image, await download.Content.ReadAsByteArrayAsync(Cancellation));
    }

    /// <summary>The upload form as a browser without JavaScript sends it: multipart, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string url, string fileName, byte[] content, string claimedType, string? token = null)
    {
        token ??= await browser.AntiforgeryTokenAsync(url);
        // Browsers write a file's name in UTF-8.
        using var form = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);

        // Written by hand: HttpClient would refuse some of the names browsers send.
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"Upload\"; filename=\"{fileName}\"");
        form.Add(file);
        var response = await browser.PostAsync(new Uri(url, UriKind.Relative), form, Cancellation);
        await response.Content.LoadIntoBufferAsync(Cancellation);
        return response;
    }
}

public sealed class HandingOverDocumentsOnSqlite(SqliteCashApp app) : HandingOverDocumentsTests(app), IClassFixture<SqliteCashApp>;

public sealed class HandingOverDocumentsOnPostgres(PostgresCashApp app) : HandingOverDocumentsTests(app), IClassFixture<PostgresCashApp>;
