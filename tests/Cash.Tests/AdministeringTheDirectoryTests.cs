using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// Administrators and service leads edit the services' public profiles: a change shows on the
/// public directory at once, a lead reaches only their own service, and a mistyped contact is
/// refused with the typed values kept and nothing saved.
/// </summary>
public abstract class AdministeringTheDirectoryTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdministratorChangesLeDeclicsPhoneAndThePublicDirectoryShowsItAtOnce()
    {
        // A visitor first, so the public pages sit in the output cache with the old number.
        await app.GetPageAsync("/services/le-declic");
        await app.GetPageAsync("/services");
        var id = await ServiceIdAsync("le-declic");
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        var list = await admin.GetPageAsync("/pro/admin/services");
        Assert.Equal(Leaflet.Slugs.Count(), list.QuerySelectorAll("main table tbody tr").Length);
        Assert.NotNull(list.QuerySelector($"main a[href='/pro/admin/services/{id}']"));

        using var saved = await admin.PostFormAsync($"/pro/admin/services/{id}", Fields(("Input.Phone", "056/48 00 00")));
        ProfessionalSessions.AssertRedirect(saved, $"/pro/admin/services/{id}", "saving the profile");
        var confirmation = await admin.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.NotNull(confirmation.QuerySelector("main .notice a[href='/services/le-declic']"));
        Assert.Null(confirmation.QuerySelector(".error-summary"));

        var publicPage = await app.GetPageAsync("/services/le-declic");
        Assert.Equal("056/48 00 00", publicPage.QuerySelector("main a[href='tel:+3256480000']")?.TextContent.Trim());
        var directory = await app.GetPageAsync("/services");
        Assert.NotNull(directory.QuerySelector("main a[href='tel:+3256480000']"));

        var stored = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking().SingleAsync(s => s.Id == id, Cancellation));
        Assert.Equal("056/48 00 00", stored.Phone);
        var audited = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .AnyAsync(e => e.Action == AuditActions.Update && e.EntityType == "PartnerService" && e.EntityId == id.ToString() && e.ActorId == person.Id, Cancellation));
        Assert.True(audited, "The update of the service is in the audit trail under the administrator's name.");
    }

    [Fact]
    public async Task ALeadEditsTheirOwnServiceButAnotherServiceIsNotFound()
    {
        var own = await ServiceIdAsync("le-declic");
        var other = await ServiceIdAsync("la-passerelle");
        var (lead, _) = await app.SignInAsAsync(ProRole.Lead, "le-declic");
        using var _ = lead;

        var list = await lead.GetPageAsync("/pro/admin/services");
        var row = Assert.Single(list.QuerySelectorAll("main table tbody tr"));
        Assert.NotNull(row.QuerySelector($"a[href='/pro/admin/services/{own}']"));

        var form = await lead.GetPageAsync($"/pro/admin/services/{own}");
        Assert.Null(form.QuerySelector("input[name='Input.IsPublished']"));
        var englishName = $"AMO Le Déclic (youth aid) {Guid.NewGuid():N}"[..40];
        using var saved = await lead.PostFormAsync($"/pro/admin/services/{own}", Fields(("Input.Texts[2].Name", englishName), ("Input.IsPublished", null)));
        ProfessionalSessions.AssertRedirect(saved, $"/pro/admin/services/{own}", "saving the profile");
        var english = await app.GetPageAsync("/services/le-declic?culture=en");
        Assert.Equal(englishName, english.QuerySelector("h1")?.TextContent.Trim());
        Assert.True(await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Id == own).Select(s => s.IsPublished).SingleAsync(Cancellation)),
            "A lead's form has no 'published' box, and leaving it out does not unpublish the service.");

        using var elsewhere = await lead.GetAsync(new Uri($"/pro/admin/services/{other}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        var token = await lead.AntiforgeryTokenAsync($"/pro/admin/services/{own}");
        using var forged = await lead.PostRawAsync($"/pro/admin/services/{other}", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Phone"] = "056/11 11 11",
            ["Input.Email"] = "pirate@example.be",
        });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.NotEqual("056/11 11 11", await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Id == other).Select(s => s.Phone).SingleAsync(Cancellation)));
    }

    [Fact]
    public async Task AnInvalidPhoneOrEmailIsRefusedWithTheTypedValuesKeptAndNothingSaved()
    {
        var id = await ServiceIdAsync("la-passerelle");
        var before = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking().SingleAsync(s => s.Id == id, Cancellation));
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        using var refused = await admin.PostFormAsync($"/pro/admin/services/{id}", Fields(
            ("Input.Phone", "appelez-nous"),
            ("Input.Email", "lapasserelle-at-gmail"),
            ("Input.Texts[0].Name", "La Passerelle (nouveau nom)"),
            ("Input.Texts[1].ForWhom", "")));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
        var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal);
        Assert.Equal(["#Input_Email", "#Input_Phone", "#Input_Texts_1__ForWhom"], links);
        Assert.Contains("néerlandais", page.QuerySelector(".error-summary a[href='#Input_Texts_1__ForWhom']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("appelez-nous", page.QuerySelector("#Input_Phone")?.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#Input_Phone")?.GetAttribute("aria-invalid"));
        Assert.Equal("lapasserelle-at-gmail", page.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.Equal("La Passerelle (nouveau nom)", page.QuerySelector("#Input_Texts_0__Name")?.GetAttribute("value"));
        Assert.Equal(before.TextFor("nl").Conditions, page.QuerySelector("#Input_Texts_1__Conditions")?.TextContent);

        var after = await app.InDatabaseAsync(db => db.PartnerServices.AsNoTracking().SingleAsync(s => s.Id == id, Cancellation));
        Assert.Equal((before.Phone, before.Email, before.TextFor("fr").Name, before.UpdatedAt), (after.Phone, after.Email, after.TextFor("fr").Name, after.UpdatedAt));
    }

    [Theory]
    [InlineData("056/39 16 20", true)]
    [InlineData("0470/62 24 38", true)]
    [InlineData("056.39.16.20", true)]
    [InlineData("0470 62 24 38", true)]
    [InlineData("56/39 16 20", false)]
    [InlineData("056/39 16 2", false)]
    [InlineData("0470/62 24 38 99", false)]
    [InlineData("056-39-16-20", false)]
    [InlineData("tel 056391620", false)]
    public void APhoneNumberIsWrittenTheBelgianWay(string phone, bool valid)
    {
        Assert.Equal(valid, new Cash.Web.Forms.BelgianPhoneAttribute().IsValid(phone));
    }

    [Fact]
    public async Task AMemberCannotEditTheDirectory()
    {
        var id = await ServiceIdAsync("le-declic");
        var (member, _) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using var _ = member;

        using var list = await member.GetAsync(new Uri("/pro/admin/services", UriKind.Relative), Cancellation);
        using var edit = await member.GetAsync(new Uri($"/pro/admin/services/{id}", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));

    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);
}

public sealed class AdministeringTheDirectoryOnSqlite(SqliteCashApp app) : AdministeringTheDirectoryTests(app), IClassFixture<SqliteCashApp>;

public sealed class AdministeringTheDirectoryOnPostgres(PostgresCashApp app) : AdministeringTheDirectoryTests(app), IClassFixture<PostgresCashApp>;
