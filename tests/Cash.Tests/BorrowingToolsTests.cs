using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Tools;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// The tools library (issue 12, point 3), through the pages: who adds and edits a tool, who only reads
/// it, anonymous visitors getting nothing; files judged by their bytes, refused before being read
/// whole when too large, served only as attachments; bookings of a kit that never overlap, even when
/// sent at the same moment; Markdown that cannot run; where a tool was used; the audit trail.
/// </summary>
public abstract partial class BorrowingToolsTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";
    private const string Icet = "cpms-provincial-icet";
    private const string Artem = "cpms-wbe-artem";
    private const string Coordination = "egalite-des-chances";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheOwningServiceAndTheCoordinatorsEditAToolEveryProfessionalReadsItAndAnonymousVisitorsGetNothing()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var id = await AddToolAsync(declic, "Jeu de l'oie " + Guid.NewGuid().ToString("N")[..8], kit: false);
        var file = await UploadAsync(declic, id, "livret.pdf", SampleFiles.Pdf("livret"), "Livret");
        ProfessionalSessions.AssertRedirect(file, $"/pro/outils/{id}", "adding a PDF");
        var fileId = await app.InDatabaseAsync(db => db.ToolFiles.Where(f => f.ToolId == id).Select(f => f.Id).SingleAsync(Cancellation));

        var (passerelle, _) = await app.SignInAsAsync(ProRole.Lead, Passerelle);
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, Coordination);
        var (administrator, _) = await app.SignInAsAsync(ProRole.Administrator);
        var anonymous = app.NewBrowser();
        var expected = new (HttpClient Browser, string Who, HttpStatusCode Read, HttpStatusCode Edit)[]
        {
            (declic, "owning service", HttpStatusCode.OK, HttpStatusCode.OK),
            (passerelle, "another service", HttpStatusCode.OK, HttpStatusCode.NotFound),
            (coordinator, "coordinator", HttpStatusCode.OK, HttpStatusCode.OK),
            (administrator, "administrator", HttpStatusCode.OK, HttpStatusCode.NotFound),
        };
        foreach (var (browser, who, read, edit) in expected)
        {
            foreach (var url in new[] { "/pro/outils", $"/pro/outils/{id}", $"/pro/outils/{id}/fichiers/{fileId}" })
            {
                using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
                Assert.True(read == response.StatusCode, $"GET {url} as {who}: {(int)response.StatusCode}");
            }

            foreach (var url in new[] { $"/pro/outils/{id}/modifier", $"/pro/outils/{id}/fichiers" })
            {
                using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
                Assert.True(edit == response.StatusCode, $"GET {url} as {who}: {(int)response.StatusCode}");
            }
        }

        // Another service's forged edit and upload change nothing.
        using (var forged = await passerelle.PostRawAsync($"/pro/outils/{id}/modifier", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await passerelle.AntiforgeryTokenAsync("/pro/compte"),
            ["Input.Name"] = "Volé",
            ["Input.Kind"] = "Game",
            ["Input.Audience"] = "Pupils",
            ["Version"] = "1",
        }))
        {
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        using (var upload = await UploadAsync(passerelle, id, "x.pdf", SampleFiles.Pdf("x"), null, await passerelle.AntiforgeryTokenAsync("/pro/compte")))
        {
            Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        }

        // The coordinator edits it.
        using (var edited = await coordinator.PostFormAsync($"/pro/outils/{id}/modifier", new Dictionary<string, string?> { ["Input.Duration"] = "2 × 50 minutes" }))
        {
            ProfessionalSessions.AssertRedirect(edited, $"/pro/outils/{id}", "editing as a coordinator");
        }

        Assert.Equal("2 × 50 minutes", await app.InDatabaseAsync(db => db.Tools.Where(t => t.Id == id).Select(t => t.Duration).SingleAsync(Cancellation)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.ToolFiles.CountAsync(f => f.ToolId == id, Cancellation)));

        // Someone not signed in is sent to the sign-in page, never given the file.
        foreach (var url in new[] { "/pro/outils", $"/pro/outils/{id}", $"/pro/outils/{id}/fichiers/{fileId}" })
        {
            using var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/pro/connexion", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        // The audit trail holds the tool's creation and update, and the file's creation and each download as an export.
        var entries = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityId == id.ToString() || e.EntityId == fileId.ToString()).Select(e => new { EntityType = e.EntityType ?? "", e.Action }).ToListAsync(Cancellation));
        Assert.Contains(new { EntityType = nameof(Tool), Action = AuditActions.Create }, entries);
        Assert.Contains(new { EntityType = nameof(Tool), Action = AuditActions.Update }, entries);
        Assert.Contains(new { EntityType = nameof(ToolFile), Action = AuditActions.Create }, entries);
        Assert.Equal(expected.Length, entries.Count(e => e.EntityType == nameof(ToolFile) && e.Action == AuditActions.Export));
    }

    [Fact]
    public async Task AFileIsKeptEncryptedAndOpensOnlyUnderItsOwnTool()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var id = await AddToolAsync(declic, "Fiches " + Guid.NewGuid().ToString("N")[..8], kit: false);
        var other = await AddToolAsync(declic, "Autres fiches " + Guid.NewGuid().ToString("N")[..8], kit: false);
        var pdf = "%PDF-1.4\nÉlève : Zoé Dupont, 3e B\n%%EOF\n"u8.ToArray();
        using (var uploaded = await UploadAsync(declic, id, "fiche.pdf", pdf, null))
        {
            ProfessionalSessions.AssertRedirect(uploaded, $"/pro/outils/{id}", "adding a pdf");
        }

        // What someone reading the database finds: neither the file nor a part of it.
        var file = await app.InDatabaseAsync(db => db.ToolFiles.AsNoTracking().SingleAsync(f => f.ToolId == id, Cancellation));
        Assert.Equal(pdf.Length, file.Length);
        Assert.False(file.Content.AsSpan().IndexOf("Zo\u00e9 Dupont"u8) >= 0, "The file is stored in clear.");
        Assert.False(file.Content.AsSpan().IndexOf("%PDF"u8) >= 0, "The file is stored in clear.");

        // Someone writing to it moves the file under another tool: it no longer opens anywhere.
        await app.InDatabaseAsync(async db =>
        {
            var row = await db.ToolFiles.SingleAsync(f => f.Id == file.Id, Cancellation);
            db.Entry(row).Property(f => f.ToolId).CurrentValue = other;
            await db.SaveChangesAsync(Cancellation);
        });
        using var moved = await declic.GetAsync(new Uri($"/pro/outils/{other}/fichiers/{file.Id}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, moved.StatusCode);
    }

    [Fact]
    public async Task AFileIsServedAsAnAttachmentOfTheTypeItsBytesSayAndOnlyThoseWhoEditTheToolRemoveIt()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var id = await AddToolAsync(declic, "Exposition " + Guid.NewGuid().ToString("N")[..8], kit: false);
        var docx = OfficeFiles.Docx();
        using (var uploaded = await UploadAsync(declic, id, "fiche <i>élève.docx", docx, null, claimedType: "text/html"))
        {
            ProfessionalSessions.AssertRedirect(uploaded, $"/pro/outils/{id}", "adding a docx");
        }

        var page = await declic.GetPageAsync($"/pro/outils/{id}");
        var link = page.QuerySelector("#files a")!;
        Assert.Equal("fiche <i>élève.docx", link.TextContent);
        using var download = await declic.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(docx, await download.Content.ReadAsByteArrayAsync(Cancellation));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches("^fiche _i_élève\\.docx$", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(["nosniff"], download.Header("X-Content-Type-Options"));
        Assert.Equal("no-store", download.Headers.CacheControl?.ToString());

        // Another service cannot remove it; its owner can, and the audit trail says so.
        var fileId = await app.InDatabaseAsync(db => db.ToolFiles.Where(f => f.ToolId == id).Select(f => f.Id).SingleAsync(Cancellation));
        var (passerelle, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        using (var forged = await passerelle.PostRawAsync($"/pro/outils/{id}?handler=RemoveFile", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await passerelle.AntiforgeryTokenAsync($"/pro/outils/{id}"),
            ["Removing.File"] = fileId.ToString(),
        }))
        {
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        Assert.Null((await passerelle.GetPageAsync($"/pro/outils/{id}")).QuerySelector("#files form"));
        using (var removed = await declic.PostFormAsync($"/pro/outils/{id}", new Dictionary<string, string?> { ["Removing.File"] = fileId.ToString() }))
        {
            ProfessionalSessions.AssertRedirect(removed, $"/pro/outils/{id}", "removing the file");
        }

        Assert.Equal(0, await app.InDatabaseAsync(db => db.ToolFiles.CountAsync(f => f.ToolId == id, Cancellation)));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ToolFile) && e.EntityId == fileId.ToString() && e.Action == AuditActions.Delete, Cancellation)));
    }

    [Fact]
    public async Task AFileWhoseBytesAreNotWhatItsNameSaysIsRefusedAndTheTitleTypedIsKept()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var id = await AddToolAsync(declic, "Affiches " + Guid.NewGuid().ToString("N")[..8], kit: false);
        var cases = new (string Name, byte[] Content, string Key)[]
        {
            ("affiche.pdf", SampleFiles.Png("une image"), "Upload.NameMismatch"),
            ("livret.pdf", OfficeFiles.Executable(), "Upload.WrongType"),
            ("setup.exe", OfficeFiles.Executable(), "Upload.WrongType"),
            ("archive.docx", OfficeFiles.Zip(("hello.txt", "bonjour")), "Upload.WrongType"),
        };
        foreach (var (name, content, key) in cases)
        {
            using var refused = await UploadAsync(declic, id, name, content, "Affiche de la campagne", claimedType: "application/pdf");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ReadPageAsync();
            Assert.Equal("#Upload", page.QuerySelector(".error-summary a")?.GetAttribute("href"));
            Assert.Equal(Translations.Tool(key, "fr"), page.QuerySelector(".error-summary a")?.TextContent);
            Assert.Equal("Affiche de la campagne", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        }

        Assert.Equal(0, await app.InDatabaseAsync(db => db.ToolFiles.CountAsync(f => f.ToolId == id, Cancellation)));
    }

    [Fact]
    public async Task TwentyFiveMegabytesAreAcceptedAndAnythingLargerIsRefusedBeforeItIsReadWhole()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var id = await AddToolAsync(declic, "Vidéo " + Guid.NewGuid().ToString("N")[..8], kit: false);
        var largest = new byte[ToolFile.MaxBytes];
        SampleFiles.Pdf("le plus grand").CopyTo(largest, 0);
        using (var accepted = await UploadAsync(declic, id, "film.pdf", largest, "Le plus grand"))
        {
            ProfessionalSessions.AssertRedirect(accepted, $"/pro/outils/{id}", "adding 25 MB");
        }

        // One byte more: the form comes back with the title typed and the reason.
        var tooLarge = new byte[ToolFile.MaxBytes + 1];
        largest.CopyTo(tooLarge, 0);
        using (var refused = await UploadAsync(declic, id, "film.pdf", tooLarge, "Un octet de trop"))
        {
            var page = await refused.ReadPageAsync();
            Assert.Equal(Translations.Tool("Upload.TooLarge", "fr").Replace("{0}", "25", StringComparison.Ordinal), page.QuerySelector(".error-summary a")?.TextContent);
            Assert.Equal("Un octet de trop", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        }

        // A body far over the page's limit is refused (413) from its announced length, without being read.
        var endless = new CountingStream(200L * 1024 * 1024);
        var token = await declic.AntiforgeryTokenAsync($"/pro/outils/{id}/fichiers");
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
            var file = new StreamContent(endless);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "Upload", "enorme.pdf");
            form.Headers.ContentLength = 200L * 1024 * 1024 + 1000;
            using var response = await declic.PostAsync(new Uri($"/pro/outils/{id}/fichiers", UriKind.Relative), form, Cancellation);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        Assert.True(endless.Served < 100L * 1024 * 1024, $"The server read {endless.Served} bytes of a body it refused.");
        var stored = Assert.Single(await app.InDatabaseAsync(db => db.ToolFiles.AsNoTracking().Where(f => f.ToolId == id).Select(f => f.Length).ToListAsync(Cancellation)));
        Assert.Equal(ToolFile.MaxBytes, stored);
    }

    [Fact]
    public async Task MarkdownWithScriptsAndJavascriptLinksIsShownInert()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var id = await AddToolAsync(declic, "Théâtre " + Guid.NewGuid().ToString("N")[..8], kit: false,
            description: "**Objectif** : parler des moqueries.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[clic](javascript:alert(3)) et [le site](https://example.org/guide)");

        var page = await declic.GetPageAsync($"/pro/outils/{id}");
        var description = page.QuerySelector("#description")!;
        Assert.NotNull(description.QuerySelector("strong"));
        Assert.Empty(description.QuerySelectorAll("script, img, iframe, [onerror]"));
        Assert.DoesNotContain(description.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        var link = Assert.Single(description.QuerySelectorAll("a[href='https://example.org/guide']"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Contains("<script>alert(1)</script>", description.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverlappingBookingIsRefusedWithTheDatesTakenAndOneStartingOnTheReturnDayIsAccepted()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var id = await AddToolAsync(declic, "Mallette " + Guid.NewGuid().ToString("N")[..8], kit: true);
        var (mediation, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        var (passerelle, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        var url = $"/pro/outils/{id}";

        using (var first = await mediation.PostFormAsync(url, Dates("2030-03-11", "2030-03-15")))
        {
            ProfessionalSessions.AssertRedirect(first, url, "the first booking");
        }

        using (var overlapping = await passerelle.PostFormAsync(url, Dates("2030-03-14", "2030-03-20")))
        {
            Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
            var page = await overlapping.ReadPageAsync();
            var message = page.QuerySelector(".error-summary a")!.TextContent;
            Assert.Equal("#Booking_From", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
            Assert.Contains("11 mars 2030", message, StringComparison.Ordinal);
            Assert.Contains("15 mars 2030", message, StringComparison.Ordinal);
            Assert.Contains("Médiation", message, StringComparison.Ordinal);
            Assert.Equal("2030-03-14", page.QuerySelector("#Booking_From")?.GetAttribute("value"));
            Assert.Equal("2030-03-20", page.QuerySelector("#Booking_Until")?.GetAttribute("value"));
        }

        // Taken on the day the first is returned: accepted.
        using (var adjacent = await passerelle.PostFormAsync(url, Dates("2030-03-15", "2030-03-20")))
        {
            ProfessionalSessions.AssertRedirect(adjacent, url, "the booking starting on the return day");
        }

        var bookings = await app.InDatabaseAsync(db => db.ToolBookings.AsNoTracking().Where(b => b.ToolId == id).OrderBy(b => b.From).ToListAsync(Cancellation));
        Assert.Equal([(new DateOnly(2030, 3, 11), new DateOnly(2030, 3, 15)), (new DateOnly(2030, 3, 15), new DateOnly(2030, 3, 20))], bookings.Select(b => (b.From, b.Until)));

        // The booking service cancels its own; then those days are free again. Another service cannot cancel it.
        var page2 = await mediation.GetPageAsync(url);
        Assert.Null(page2.QuerySelector($"tr[data-booking='{bookings[1].Id}'] button"));
        using (var forged = await mediation.PostRawAsync($"{url}?handler=Cancel", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await mediation.AntiforgeryTokenAsync(url),
            ["Cancelling.Booking"] = bookings[1].Id.ToString(),
        }))
        {
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        using (var cancelled = await mediation.PostFormAsync(url, new Dictionary<string, string?> { ["Cancelling.Booking"] = bookings[0].Id.ToString() }))
        {
            ProfessionalSessions.AssertRedirect(cancelled, url, "cancelling");
        }

        using (var again = await passerelle.PostFormAsync(url, Dates("2030-03-12", "2030-03-14")))
        {
            ProfessionalSessions.AssertRedirect(again, url, "booking freed days");
        }

        var audited = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(ToolBooking) && e.EntityId == bookings[0].Id.ToString()).Select(e => e.Action).ToListAsync(Cancellation));
        Assert.Equal([AuditActions.Create, AuditActions.Update], audited.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BookingsSentAtTheSameMomentForTheSameDaysNeverBothWin()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var id = await AddToolAsync(declic, "Kit " + Guid.NewGuid().ToString("N")[..8], kit: true);
        var url = $"/pro/outils/{id}";
        var senders = new List<(HttpClient Browser, string Token)>();
        foreach (var slug in new[] { Declic, Mediation, Passerelle, Icet, Artem, Coordination })
        {
            var (browser, _) = await app.SignInAsAsync(ProRole.Member, slug);
            senders.Add((browser, await browser.AntiforgeryTokenAsync(url)));
        }

        // Overlapping ranges, one per service, all sent together.
        var answers = await Task.WhenAll(senders.Select(async (sender, i) =>
        {
            using var response = await sender.Browser.PostRawAsync($"{url}?handler=Book", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = sender.Token,
                ["Booking.From"] = $"2031-05-{10 + i:00}",
                ["Booking.Until"] = $"2031-05-{20 + i:00}",
            });
            return response.StatusCode;
        }));

        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Redirect));
        Assert.Equal(senders.Count - 1, answers.Count(a => a == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.ToolBookings.CountAsync(b => b.ToolId == id && b.CancelledAt == null, Cancellation)));
    }

    [Fact]
    public async Task AToolShowsTheInterventionsThatNamedItToThoseWhoMaySeeThem()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);

        // The intervention builder names its tool "Théâtre-forum".
        var intervention = await app.NewIntervention(Declic).SaveAsync();
        var id = await AddToolAsync(declic, "Théâtre-forum", kit: false);

        var page = await declic.GetPageAsync($"/pro/outils/{id}");
        Assert.NotNull(page.QuerySelector($"#uses a[href='/pro/interventions/{intervention.Id}']"));

        var (outsider, _) = await app.SignInAsAsync(ProRole.Member, Icet);
        var theirs = await outsider.GetPageAsync($"/pro/outils/{id}");
        Assert.Null(theirs.QuerySelector($"#uses a[href='/pro/interventions/{intervention.Id}']"));
    }

    [Fact]
    public async Task AToolShowsThePreventionActionsThatNamedItToEveryone()
    {
        var (declic, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var name = $"Exposition itinérante {Guid.NewGuid():N}"[..30];
        var id = await AddToolAsync(declic, name, kit: false);
        var used = await app.NewPreventionAction(Declic).Using(name).SaveAsync();
        var other = await app.NewPreventionAction(Declic).SaveAsync();

        var (outsider, _) = await app.SignInAsAsync(ProRole.Member, Icet);
        var page = await outsider.GetPageAsync($"/pro/outils/{id}");
        Assert.NotNull(page.QuerySelector($"#uses a[href='/pro/prevention/{used.Id}']"));

        // Both forms that name a tool suggest the library's names, which is what links them here.
        foreach (var form in new[] { "/pro/prevention/nouvelle", "/pro/interventions/nouvelle" })
        {
            var fields = await outsider.GetPageAsync(form);
            Assert.Contains(fields.QuerySelectorAll("datalist#tool-names option"), o => o.GetAttribute("value") == name);
            Assert.Equal("tool-names", fields.QuerySelector("input[name='Input.ToolName'], input[name='Input.Tool']")?.GetAttribute("list"));
        }
        Assert.Null(page.QuerySelector($"#uses a[href='/pro/prevention/{other.Id}']"));
    }

    private static Dictionary<string, string?> Dates(string from, string until) => new() { ["Booking.From"] = from, ["Booking.Until"] = until };

    private static async Task<Guid> AddToolAsync(HttpClient browser, string name, bool kit, string? description = null)
    {
        using var response = await browser.PostFormAsync("/pro/outils/nouveau", new Dictionary<string, string?>
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = nameof(ToolKind.Animation),
            ["Input.Audience"] = nameof(ToolAudience.Pupils),
            ["Input.AgeFrom"] = "10",
            ["Input.AgeTo"] = "14",
            ["Input.Description"] = description ?? "Un outil pour parler des moqueries.",
            ["Input.IsKit"] = kit ? "true" : null,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(ToolAddress().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, Guid tool, string fileName, byte[] content, string? title, string? token = null, string claimedType = "application/octet-stream")
    {
        var url = $"/pro/outils/{tool}/fichiers";
        token ??= await browser.AntiforgeryTokenAsync(url);
        using var form = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
        form.Add(new StringContent(token), "__RequestVerificationToken");
        if (title is not null)
        {
            form.Add(new StringContent(title), "Input.Title");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"Upload\"; filename=\"{fileName}\"");
        form.Add(file);
        var response = await browser.PostAsync(new Uri(url, UriKind.Relative), form, Cancellation);
        await response.Content.LoadIntoBufferAsync(Cancellation);
        return response;
    }

    [GeneratedRegex("^/pro/outils/([0-9a-f-]{36})")]
    private static partial Regex ToolAddress();
}

public sealed class BorrowingToolsOnSqlite(SqliteCashApp app) : BorrowingToolsTests(app), IClassFixture<SqliteCashApp>;

public sealed class BorrowingToolsOnPostgres(PostgresCashApp app) : BorrowingToolsTests(app), IClassFixture<PostgresCashApp>;
