using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// Administrators keep the list of schools: by hand (create, edit, deactivate; a name already
/// used is a field error) and by CSV import in two steps (a preview with every problem line by
/// line, then a confirmation that imports all or nothing). Every change is audited.
/// </summary>
public abstract class AdministeringSchoolsTests(CashApp app)
{
    private const string ImportPage = "/pro/admin/ecoles/importer";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdministratorCreatesEditsAndDeactivatesASchool()
    {
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var pms = await ServiceIdAsync("cpms-libre-mouscron-1");
        var name = Unique("Institut Saint-Exemple");

        var form = await admin.GetPageAsync("/pro/admin/ecoles/nouvelle");
        Assert.True(form.QuerySelector("input[name='Input.IsActive']")?.HasAttribute("checked"), "A new school is active unless unticked.");
        var options = form.QuerySelectorAll("select[name='Input.PmsServiceId'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(pms.ToString(System.Globalization.CultureInfo.InvariantCulture), options);
        Assert.DoesNotContain((await ServiceIdAsync("le-declic")).ToString(System.Globalization.CultureInfo.InvariantCulture), options);

        using var created = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", Fields(
            ("Input.Name", "  " + name + "  "), ("Input.Network", "Libre"), ("Input.PmsServiceId", pms.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Address", "Rue de l’Exemple 1")));
        ProfessionalSessions.AssertRedirect(created, "/pro/admin/ecoles", "creating a school");
        var school = await SchoolAsync(name);
        Assert.Equal(name, school.Name);
        Assert.Equal(SchoolNetwork.Libre, school.Network);
        Assert.Equal(pms, school.PmsServiceId);
        Assert.True(school.IsActive);

        var list = await admin.GetPageAsync("/pro/admin/ecoles");
        var row = list.QuerySelectorAll("main tbody tr").Single(r => r.QuerySelector("th")?.TextContent == name);
        Assert.Contains("CPMS Libre Mouscron 1", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"a[href='/pro/admin/ecoles/{school.Id}']"));

        using var edited = await admin.PostFormAsync($"/pro/admin/ecoles/{school.Id}", Fields(("Input.Network", "Specialised"), ("Input.PmsServiceId", ""), ("Input.IsActive", null)));
        ProfessionalSessions.AssertRedirect(edited, "/pro/admin/ecoles", "editing a school");
        school = await SchoolAsync(name);
        Assert.Equal(SchoolNetwork.Specialised, school.Network);
        Assert.Null(school.PmsServiceId);
        Assert.False(school.IsActive, "Unticking the box deactivates the school: there is no delete.");
        Assert.Equal("Rue de l’Exemple 1", school.Address);

        var id = school.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audited = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(School) && e.EntityId == id && e.ActorId == person.Id)
            .Select(e => e.Action).ToListAsync(Cancellation));
        Assert.Equal([AuditActions.Create, AuditActions.Update], audited);
    }

    [Fact]
    public async Task ADuplicateNameIsAFieldErrorAndEveryTypedValueIsKept()
    {
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var name = Unique("Athénée Royal Exemple");
        using (var first = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", Fields(("Input.Name", name), ("Input.Network", "Wbe"))))
        {
            ProfessionalSessions.AssertRedirect(first, "/pro/admin/ecoles", "creating the first school");
        }

        var before = await app.InDatabaseAsync(db => db.Schools.CountAsync(Cancellation));
        using var second = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", Fields(
            ("Input.Name", "  " + name.ToUpperInvariant() + " "), ("Input.Network", "Communal"), ("Input.Address", "Grand-Place 1")));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await second.ReadPageAsync();
        Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_Name']"));
        Assert.NotNull(page.QuerySelector("#Input_Name-error"));
        Assert.Equal("  " + name.ToUpperInvariant() + " ", (page.QuerySelector("#Input_Name") as IHtmlInputElement)?.Value);
        Assert.True((page.QuerySelector("#Input_Network-Communal") as IHtmlInputElement)?.IsChecked);
        Assert.Equal("Grand-Place 1", (page.QuerySelector("#Input_Address") as IHtmlInputElement)?.Value);
        Assert.Equal(before, await app.InDatabaseAsync(db => db.Schools.CountAsync(Cancellation)));

        using var empty = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", Fields(("Input.Name", "")));
        var refused = await empty.ReadPageAsync();
        Assert.NotNull(refused.QuerySelector(".error-summary a[href='#Input_Name']"));
        Assert.NotNull(refused.QuerySelector(".error-summary a[href='#Input_Network']"));
    }

    [Theory]
    [InlineData(';', false)]
    [InlineData(',', false)]
    [InlineData(';', true)]
    public async Task ACsvFileIsPreviewedThenImportedAndAudited(char separator, bool byteOrderMark)
    {
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var existing = $"École communale Exemple {tag}";
        using (var created = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", Fields(("Input.Name", existing), ("Input.Network", "Communal"))))
        {
            ProfessionalSessions.AssertRedirect(created, "/pro/admin/ecoles", "creating the school the file updates");
        }

        var s = separator;
        var csv = $"Nom{s}Réseau{s}centre_pms{s}adresse\r\n"
            + $"Institut Exemple {tag}{s}LIBRE{s}cpms-libre-mouscron-2{s}\"Rue Exemple 2{(s == ',' ? ", 7700" : "")} Mouscron\"\r\n"
            + $"Lycée Exemple {tag}{s}Spécialisé{s}CPMS Spécialisé (Tremplin){s}\r\n"
            + $"{existing.ToUpperInvariant()}{s}communal{s}{s}Rue du Centre 3\r\n"
            + $"{s}{s}{s}\r\n";
        var preview = await UploadAsync(admin, Encode(csv, byteOrderMark));
        Assert.Null(preview.QuerySelector(".error-summary"));
        var rows = preview.QuerySelectorAll("main tbody tr[data-change]");
        Assert.Equal(["Create", "Create", "Update"], rows.Select(r => r.GetAttribute("data-change")));
        Assert.Contains("CPMS Libre Mouscron 2", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Null(await FindSchoolAsync($"Institut Exemple {tag}"));

        using var confirmed = await ConfirmAsync(admin, preview);
        ProfessionalSessions.AssertRedirect(confirmed, "/pro/admin/ecoles", "confirming the import");
        var list = await admin.GetPageAsync(confirmed.Headers.Location!.OriginalString);
        Assert.NotNull(list.QuerySelector("main .notice"));

        var institute = await SchoolAsync($"Institut Exemple {tag}");
        Assert.Equal(SchoolNetwork.Libre, institute.Network);
        Assert.Equal(await ServiceIdAsync("cpms-libre-mouscron-2"), institute.PmsServiceId);
        Assert.StartsWith("Rue Exemple 2", institute.Address, StringComparison.Ordinal);
        var lycee = await SchoolAsync($"Lycée Exemple {tag}");
        Assert.Equal(SchoolNetwork.Specialised, lycee.Network);
        Assert.Equal(await ServiceIdAsync("cpms-specialise-tremplin"), lycee.PmsServiceId);
        Assert.Null(lycee.Address);
        var updated = await SchoolAsync(existing);
        Assert.Equal("Rue du Centre 3", updated.Address);
        Assert.Equal(existing.ToUpperInvariant(), updated.Name);

        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().AnyAsync(
            e => e.Action == "schools.import" && e.EntityId == "created=2;updated=1;unchanged=0" && e.ActorId == person.Id, Cancellation)),
            "The import is one audit entry with its counts.");

        // The same file again changes nothing.
        var again = await UploadAsync(admin, Encode(csv, byteOrderMark));
        Assert.All(again.QuerySelectorAll("main tbody tr[data-change]"), r => Assert.Equal("Unchanged", r.GetAttribute("data-change")));
    }

    [Fact]
    public async Task AFileWithErrorsShowsEachLineAndImportsNothing()
    {
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = "nom;reseau;centre_pms;adresse\n"
            + $"Bonne École {tag};libre;;\n"
            + $"Mauvais Réseau {tag};privé;;\n"
            + ";wbe;;\n"
            + $"Centre Inconnu {tag};provincial;cpms-nulle-part;\n"
            + $"Pas Un PMS {tag};provincial;le-declic;\n"
            + $"bonne école {tag};communal;;\n"
            + $"Trop Long {tag};libre;;{new string('x', 301)}\n";
        var before = await app.InDatabaseAsync(db => db.Schools.CountAsync(Cancellation));

        var page = await UploadAsync(admin, Encoding.UTF8.GetBytes(csv));
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Upload']"));
        Assert.Null(page.QuerySelector("input[name='Payload']"));
        var problems = page.QuerySelectorAll("#problems tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["3", "4", "5", "6", "7", "8"], problems.Select(p => p[0]));
        Assert.Equal("reseau", problems[0][1]);
        Assert.Contains("privé", problems[0][2], StringComparison.Ordinal);
        Assert.Equal("nom", problems[1][1]);
        Assert.Contains("cpms-nulle-part", problems[2][2], StringComparison.Ordinal);
        Assert.Contains("2", problems[4][2], StringComparison.Ordinal);
        Assert.Equal("adresse", problems[5][1]);
        Assert.Equal(before, await app.InDatabaseAsync(db => db.Schools.CountAsync(Cancellation)));

        var badHeader = await UploadAsync(admin, Encoding.UTF8.GetBytes("ecole,type\nX,libre\n"));
        Assert.Equal(["1", "1", "1", "1"], badHeader.QuerySelectorAll("#problems tbody tr td:first-child").Select(c => c.TextContent.Trim()));

        var latin1 = await UploadAsync(admin, Encoding.Latin1.GetBytes($"nom;reseau\nÉcole {tag};libre\n"));
        Assert.NotNull(latin1.QuerySelector("#Upload-error"));
        var tooLarge = await UploadAsync(admin, Encoding.UTF8.GetBytes("nom;reseau\n" + string.Concat(Enumerable.Repeat($"École {tag};libre\n", 70_000))));
        Assert.NotNull(tooLarge.QuerySelector("#Upload-error"));
        Assert.Equal(before, await app.InDatabaseAsync(db => db.Schools.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task ATamperedOrForeignPreviewIsRefused()
    {
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var name = Unique("École Falsifiée");
        var preview = await UploadAsync(admin, Encoding.UTF8.GetBytes($"nom;reseau\n{name};libre\n"));
        var payload = preview.QuerySelector("input[name='Payload']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(payload));
        Assert.DoesNotContain(name, payload, StringComparison.Ordinal);

        var tampered = payload![..^4] + (payload[^4] == 'A' ? 'B' : 'A') + payload[^3..];
        foreach (var forged in new[] { tampered, "", Convert.ToBase64String(Encoding.UTF8.GetBytes($"nom;reseau\n{name};libre\n")) })
        {
            using var response = await admin.PostRawAsync($"{ImportPage}?handler=Confirm", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await admin.AntiforgeryTokenAsync(ImportPage),
                ["Payload"] = forged,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadPageAsync();
            Assert.NotNull(page.QuerySelector(".error-summary a[href='#Upload']"));
        }

        // Sealed for one administrator, the preview is refused to another.
        var (other, _) = await app.SignInAsAsync(ProRole.Administrator);
        using (other)
        {
            using var response = await other.PostRawAsync($"{ImportPage}?handler=Confirm", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await other.AntiforgeryTokenAsync(ImportPage),
                ["Payload"] = payload,
            });
            Assert.NotNull((await response.ReadPageAsync()).QuerySelector(".error-summary"));
        }

        Assert.Null(await FindSchoolAsync(name));
    }

    [Fact]
    public async Task TheTemplateIsACsvTheImportAccepts()
    {
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        using var response = await admin.GetAsync(new Uri("/pro/admin/ecoles/modele.csv", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);

        var preview = await UploadAsync(admin, bytes);
        Assert.Null(preview.QuerySelector(".error-summary"));
        Assert.Single(preview.QuerySelectorAll("main tbody tr[data-change]"));
    }

    [Theory]
    [InlineData(ProRole.Member)]
    [InlineData(ProRole.Lead)]
    [InlineData(ProRole.Coordinator)]
    public async Task OnlyAdministratorsReachTheSchools(ProRole role)
    {
        var (browser, _) = await app.SignInAsAsync(role, "le-declic");
        using var _ = browser;
        foreach (var url in new[] { "/pro/admin/ecoles", "/pro/admin/ecoles/nouvelle", ImportPage, "/pro/admin/ecoles/modele.csv" })
        {
            using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task APreviewIsConfirmedOnlyOnce()
    {
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var name = Unique("Athénée Une Fois");
        var preview = await UploadAsync(admin, Encode($"nom;reseau;centre_pms;adresse\r\n{name};provincial;;\r\n", byteOrderMark: false));

        using var first = await ConfirmAsync(admin, preview);
        ProfessionalSessions.AssertRedirect(first, "/pro/admin/ecoles", "the first confirmation");
        using var second = await ConfirmAsync(admin, preview);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await second.ReadPageAsync();
        Assert.Equal(Translations.ProSpace("Schools.Import.AlreadyConfirmed", "fr"), page.QuerySelector(".error-summary a")?.TextContent);
        Assert.Equal(1, await ImportsByAsync(person.Id));
    }

    [Fact]
    public async Task APreviewConfirmedTwiceAtTheSameMomentIsAppliedOnce()
    {
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var existing = $"École Concurrente {tag}";
        using (var created = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", Fields(("Input.Name", existing), ("Input.Network", "Communal"))))
        {
            ProfessionalSessions.AssertRedirect(created, "/pro/admin/ecoles", "creating the school the file updates");
        }

        // Only changes to existing schools: a second application would meet no taken name to stop it.
        var preview = await UploadAsync(admin, Encode($"nom;reseau;centre_pms;adresse\r\n{existing};communal;;Rue Double 2\r\n", byteOrderMark: false));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ConfirmAsync(admin, preview)));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
        {
            var page = await refused.ReadPageAsync();
            Assert.Equal(Translations.ProSpace("Schools.Import.AlreadyConfirmed", "fr"), page.QuerySelector(".error-summary a")?.TextContent);
        }

        answers.ToList().ForEach(a => a.Dispose());
        Assert.Equal(1, await ImportsByAsync(person.Id));
        Assert.Equal("Rue Double 2", (await SchoolAsync(existing)).Address);
    }

    private Task<int> ImportsByAsync(Guid personId) =>
        app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().CountAsync(e => e.Action == "schools.import" && e.ActorId == personId, Cancellation));

    private static async Task<IHtmlDocument> UploadAsync(HttpClient browser, byte[] file)
    {
        var page = await browser.GetPageAsync(ImportPage);
        var form = page.QuerySelector("form[enctype='multipart/form-data']") ?? throw new InvalidOperationException("The import page has no upload form.");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? "";
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var upload = new ByteArrayContent(file);
        upload.Headers.ContentType = new("text/csv");
        content.Add(upload, "Upload", "ecoles.csv");
        using var response = await browser.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadPageAsync();
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, IHtmlDocument preview)
    {
        var form = preview.QuerySelector("form input[name='Payload']")?.ParentElement ?? throw new InvalidOperationException("The preview has no confirmation form.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? "",
            ["Payload"] = form.QuerySelector("input[name='Payload']")!.GetAttribute("value")!,
        });
        return await browser.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, Cancellation);
    }

    private static byte[] Encode(string csv, bool byteOrderMark) =>
        [.. (byteOrderMark ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(csv)];

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));

    private async Task<School?> FindSchoolAsync(string name)
    {
        var schools = await app.InDatabaseAsync(db => db.Schools.AsNoTracking().ToListAsync(Cancellation));
        return schools.SingleOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<School> SchoolAsync(string name) =>
        await FindSchoolAsync(name) ?? throw new InvalidOperationException($"No school named {name}.");
}

public sealed class AdministeringSchoolsOnSqlite(SqliteCashApp app) : AdministeringSchoolsTests(app), IClassFixture<SqliteCashApp>;

public sealed class AdministeringSchoolsOnPostgres(PostgresCashApp app) : AdministeringSchoolsTests(app), IClassFixture<PostgresCashApp>;
