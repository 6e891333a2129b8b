using System.Globalization;
using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Prevention;
using Cash.Web.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Prevention actions (issue 12, point 1) and the coverage of the schools per school year (point 2):
/// recording one for one's service, forms that keep what was typed, who changes an action (the
/// access rule, its list and its handler agreeing), concurrent edits, the audit trail, the school
/// year counted from 1 September in Brussels, the schools no action reached first, the filters and
/// the CSV.
/// </summary>
public abstract class RecordingPreventionActionsTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";
    private const string Coordination = "egalite-des-chances";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMemberRecordsAnActionAndTheirServiceIsAlwaysAmongThoseThatRanIt()
    {
        var school = await app.NewSchoolAsync("École du Centre");
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Declic);
        var mediation = await ServiceIdAsync(Mediation);
        var today = Cash.Web.Domain.Calendar.Brussels.DayOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var response = await browser.PostFormAsync("/pro/prevention/nouvelle", new Dictionary<string, string?>
        {
            ["Input.Kind"] = nameof(PreventionKind.ClassWorkshop),
            ["Input.Themes"] = nameof(PreventionThemes.OnlineSafety),
            ["Input.Day"] = today,
            ["Input.Schools"] = school.ToString(CultureInfo.InvariantCulture),
            ["Input.Classes"] = "5e A, 5e B",
            ["Input.Reached"] = "48",
            ["Input.Services"] = mediation.ToString(CultureInfo.InvariantCulture),
            ["Input.ToolName"] = "Jeu « Net-Réflexes »",
            ["Input.Report"] = "Deux animations d'une heure.",
            ["Input.FollowUp"] = "Revenir en mars.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/', '?')[3]);
        var stored = await app.LoadPreventionActionAsync(id);
        Assert.Equal(PreventionKind.ClassWorkshop, stored.Kind);
        Assert.Equal(PreventionThemes.OnlineSafety, stored.Themes);
        Assert.Equal(48, stored.Reached);
        Assert.Equal("Jeu « Net-Réflexes »", stored.ToolName);
        Assert.Equal([school], stored.Schools.Select(s => s.SchoolId));
        Assert.Equal(new[] { await ServiceIdAsync(Declic), mediation }.Order(), stored.Services.Select(s => s.PartnerServiceId).Order());

        // The page shows it, and says plainly that nobody may be named.
        var page = await browser.GetPageAsync($"/pro/prevention/{id}");
        Assert.Equal("48", page.QuerySelector("#reached")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#edit"));
        var form = await browser.GetPageAsync("/pro/prevention/nouvelle");
        Assert.NotNull(form.QuerySelector("#no-names"));

        // It is in this school year's list.
        var list = await browser.GetPageAsync("/pro/prevention");
        Assert.NotNull(list.QuerySelector($"#actions a[href='/pro/prevention/{id}']"));

        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(
            e => e.Action == AuditActions.Create && e.EntityType == nameof(PreventionAction) && e.EntityId == id.ToString() && e.ActorId == person.Id, Cancellation)));
    }

    [Fact]
    public async Task AFormWithMistakesComesBackWithEverythingTypedAndNothingSaved()
    {
        var school = await app.NewSchoolAsync("École des erreurs");
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var before = await app.InDatabaseAsync(db => db.PreventionActions.CountAsync(Cancellation));
        var report = new string('r', PreventionAction.MaxTextLength + 1);

        using var response = await browser.PostFormAsync("/pro/prevention/nouvelle", new Dictionary<string, string?>
        {
            ["Input.Day"] = "31/02/2027",
            ["Input.Schools"] = school.ToString(CultureInfo.InvariantCulture),
            ["Input.Classes"] = "6e <b>A</b>",
            ["Input.Reached"] = "-3",
            ["Input.ToolName"] = "Théâtre-forum",
            ["Input.Report"] = report,
            ["Input.FollowUp"] = "Suites gardées",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".error-summary"));
        foreach (var field in new[] { "Input_Kind", "Input_Themes", "Input_Day", "Input_Reached", "Input_Report" })
        {
            Assert.True(page.QuerySelector($"#{field}-error") is not null, $"{field} has its error");
            Assert.True(page.QuerySelector($".error-summary a[href='#{field}']") is not null, $"{field} is in the summary");
        }

        Assert.Equal("31/02/2027", page.QuerySelector("#Input_Day")!.GetAttribute("value"));
        Assert.Equal("6e <b>A</b>", page.QuerySelector("#Input_Classes")!.GetAttribute("value"));
        Assert.Equal("-3", page.QuerySelector("#Input_Reached")!.GetAttribute("value"));
        Assert.Equal("Théâtre-forum", page.QuerySelector("#Input_ToolName")!.GetAttribute("value"));
        Assert.Equal(report, page.QuerySelector("#Input_Report")!.TextContent.TrimStart('\n'));
        Assert.Equal("Suites gardées", page.QuerySelector("#Input_FollowUp")!.TextContent.TrimStart('\n'));
        Assert.True(page.QuerySelector($"input[name='Input.Schools'][value='{school}']")!.HasAttribute("checked"));
        Assert.Equal(before, await app.InDatabaseAsync(db => db.PreventionActions.CountAsync(Cancellation)));

        // A day to come, a school or a service not offered, an unknown kind: field errors, never values.
        using var forged = await browser.PostFormAsync("/pro/prevention/nouvelle", new Dictionary<string, string?>
        {
            ["Input.Kind"] = "1",
            ["Input.Themes"] = nameof(PreventionThemes.Bullying),
            ["Input.Day"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Schools"] = "999999",
            ["Input.Reached"] = "10",
            ["Input.Services"] = "999999",
        });
        var refused = await forged.ReadPageAsync();
        foreach (var field in new[] { "Input_Kind", "Input_Day", "Input_Schools", "Input_Services" })
        {
            Assert.True(refused.QuerySelector($"#{field}-error") is not null, $"{field} is refused");
        }

        Assert.True(refused.QuerySelector("input[name='Input.Themes'][value='Bullying']")!.HasAttribute("checked"));
        Assert.Equal(before, await app.InDatabaseAsync(db => db.PreventionActions.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task EveryProfessionalReadsAnActionAndOnlyItsServicesAndTheCoordinatorsChangeIt()
    {
        var action = await app.NewPreventionAction(Declic).With(Mediation).SaveAsync();
        var visitors = new (string Who, ProRole Role, string? Service, bool Edits)[]
        {
            ("recording service", ProRole.Member, Declic, true),
            ("service that ran it too", ProRole.Member, Mediation, true),
            ("other service", ProRole.Lead, Passerelle, false),
            ("coordinator", ProRole.Coordinator, Coordination, true),
            ("administrator", ProRole.Administrator, null, false),
        };

        var wrong = new List<string>();
        foreach (var (who, role, service, edits) in visitors)
        {
            var (browser, person) = await app.SignInAsAsync(role, service);
            var principal = Principal(person);
            foreach (var (operation, expected) in new[] { (CashOperations.View, true), (CashOperations.Edit, edits) })
            {
                var inList = await app.InDatabaseAsync(db => db.PreventionActions.Allowing(PreventionActionAccess.Rule, principal, operation).AnyAsync(a => a.Id == action.Id, Cancellation));
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
                var record = await db.PreventionActions.SingleAsync(a => a.Id == action.Id, Cancellation);
                var handler = (await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, record, operation)).Succeeded;
                if (inList != expected || handler != expected)
                {
                    wrong.Add($"{operation.Name} as {who}: list {inList}, handler {handler}, expected {expected}");
                }
            }

            using var details = await browser.GetAsync(new Uri($"/pro/prevention/{action.Id}", UriKind.Relative), Cancellation);
            using var edit = await browser.GetAsync(new Uri($"/pro/prevention/{action.Id}/modifier", UriKind.Relative), Cancellation);
            if (details.StatusCode != HttpStatusCode.OK || edit.StatusCode != (edits ? HttpStatusCode.OK : HttpStatusCode.NotFound))
            {
                wrong.Add($"pages as {who}: details {(int)details.StatusCode}, edit {(int)edit.StatusCode}");
            }

            if (!edits && service is not null)
            {
                // A forged post from a service that did not run it changes nothing.
                var token = await browser.AntiforgeryTokenAsync("/pro/prevention/nouvelle");
                using var forged = await browser.PostRawAsync($"/pro/prevention/{action.Id}/modifier", new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Version"] = action.Version.ToString(CultureInfo.InvariantCulture),
                    ["Input.Kind"] = nameof(PreventionKind.Campaign),
                    ["Input.Themes"] = nameof(PreventionThemes.Other),
                    ["Input.Day"] = "2027-03-15",
                    ["Input.Schools"] = action.Schools[0].SchoolId.ToString(CultureInfo.InvariantCulture),
                    ["Input.Reached"] = "1",
                });
                if (forged.StatusCode != HttpStatusCode.NotFound)
                {
                    wrong.Add($"forged edit as {who}: {(int)forged.StatusCode}");
                }
            }
        }

        Assert.Empty(wrong);
        Assert.Equal(PreventionKind.ClassWorkshop, (await app.LoadPreventionActionAsync(action.Id)).Kind);

        // Recording one needs a service: an administrator has none.
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var refused = await admin.GetAsync(new Uri("/pro/prevention/nouvelle", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AnEditMadeMeanwhileIsRefusedWithWhatWasTypedKeptAndEachSavedEditIsAudited()
    {
        var action = await app.NewPreventionAction(Declic).With(Mediation).On(new DateOnly(2026, 11, 5)).SaveAsync();
        var url = $"/pro/prevention/{action.Id}/modifier";
        var (declic, declicPerson) = await app.SignInAsAsync(ProRole.Member, Declic);
        var (mediation, _) = await app.SignInAsAsync(ProRole.Member, Mediation);

        // Mediation opens the form; Le Déclic saves a change first.
        var stale = await mediation.GetPageAsync(url);
        var token = stale.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var staleVersion = stale.QuerySelector("input[name='Version']")!.GetAttribute("value")!;
        using (var first = await declic.PostFormAsync(url, new Dictionary<string, string?> { ["Input.Reached"] = "60" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var late = await mediation.PostRawAsync(url, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = staleVersion,
            ["Input.Kind"] = nameof(PreventionKind.ParentsSession),
            ["Input.Themes"] = nameof(PreventionThemes.Relationships),
            ["Input.Day"] = "2026-11-05",
            ["Input.Schools"] = action.Schools[0].SchoolId.ToString(CultureInfo.InvariantCulture),
            ["Input.Reached"] = "75",
            ["Input.Report"] = "Tapé par la médiation",
        });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await late.ReadPageAsync();
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.Equal("75", page.QuerySelector("#Input_Reached")!.GetAttribute("value"));
        Assert.Equal("Tapé par la médiation", page.QuerySelector("#Input_Report")!.TextContent.TrimStart('\n'));
        Assert.True(page.QuerySelector("input[name='Input.Kind'][value='ParentsSession']")!.HasAttribute("checked"));
        var stored = await app.LoadPreventionActionAsync(action.Id);
        Assert.Equal(60, stored.Reached);
        Assert.Equal(PreventionKind.ClassWorkshop, stored.Kind);

        // Sent again with the version the page now carries, it is saved.
        Assert.Equal(stored.Version.ToString(CultureInfo.InvariantCulture), page.QuerySelector("input[name='Version']")!.GetAttribute("value"));
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(
            e => e.Action == AuditActions.Update && e.EntityType == nameof(PreventionAction) && e.EntityId == action.Id.ToString() && e.ActorId == declicPerson.Id, Cancellation)));
    }

    [Fact]
    public async Task TheCoverageCountsTheSchoolYearFromTheFirstOfSeptemberInBrussels()
    {
        var august = await app.NewSchoolAsync("École d'août");
        var september = await app.NewSchoolAsync("École de septembre");
        await app.NewPreventionAction(Declic).In(august).On(new DateOnly(2028, 8, 31)).Reaching(31).SaveAsync();
        await app.NewPreventionAction(Declic).In(september).On(new DateOnly(2028, 9, 1)).Reaching(12).SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);

        var year2027 = await browser.GetPageAsync("/pro/prevention/couverture?annee=2027");
        Assert.Equal(("1", "31"), Counts(year2027, august));
        Assert.Equal(("0", "0"), Counts(year2027, september));
        var year2028 = await browser.GetPageAsync("/pro/prevention/couverture?annee=2028");
        Assert.Equal(("0", "0"), Counts(year2028, august));
        Assert.Equal(("1", "12"), Counts(year2028, september));

        // Without a year, the current one on a Brussels clock (its turn at midnight is checked on SchoolYear itself).
        var current = await browser.GetPageAsync("/pro/prevention/couverture");
        Assert.Contains(SchoolYear.At(DateTimeOffset.UtcNow).Label, current.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchoolsNoActionReachedComeFirstAndTheFiltersNarrowTheTable()
    {
        var untouched = await app.NewSchoolAsync("Athénée sans action", SchoolNetwork.Wbe);
        var online = await app.NewSchoolAsync("Zénith en ligne", SchoolNetwork.Libre);
        var bullying = await app.NewSchoolAsync("Zodiaque harcèlement", SchoolNetwork.Libre);
        await app.NewPreventionAction(Declic).In(online).On(new DateOnly(2030, 10, 1)).About(PreventionThemes.OnlineSafety).Reaching(20).SaveAsync();
        await app.NewPreventionAction(Passerelle).In(bullying).On(new DateOnly(2030, 11, 1)).About(PreventionThemes.Bullying | PreventionThemes.RightsAndLaw).Reaching(30).SaveAsync();
        await app.NewPreventionAction(Passerelle).In(bullying, online).On(new DateOnly(2031, 2, 1)).About(PreventionThemes.Bullying).Reaching(5).SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Mediation);

        var page = await browser.GetPageAsync("/pro/prevention/couverture?annee=2030");
        var rows = page.QuerySelectorAll("#coverage tbody tr").ToList();
        var firstReached = rows.FindIndex(r => Actions(r) != "0");
        Assert.True(firstReached > 0, "some schools come before the first reached one");
        Assert.All(rows.Skip(firstReached), r => Assert.NotEqual("0", Actions(r)));
        Assert.True(rows.FindIndex(r => r.GetAttribute("data-school") == Id(untouched)) < firstReached, "the school without action comes first");
        Assert.Equal(("2", "25"), Counts(page, online));
        Assert.Equal(("2", "35"), Counts(page, bullying));
        Assert.Contains("Sécurité en ligne", Row(page, online)!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Droits et loi", Row(page, bullying)!.TextContent, StringComparison.Ordinal);

        // By network: only that network's schools.
        var wbe = await browser.GetPageAsync("/pro/prevention/couverture?annee=2030&reseau=Wbe");
        Assert.NotNull(Row(wbe, untouched));
        Assert.Null(Row(wbe, online));

        // By service: only what that service ran.
        var declic = await browser.GetPageAsync($"/pro/prevention/couverture?annee=2030&service={await ServiceIdAsync(Declic)}");
        Assert.Equal(("1", "20"), Counts(declic, online));
        Assert.Equal(("0", "0"), Counts(declic, bullying));
        Assert.True(declic.QuerySelector($"#service option[value='{await ServiceIdAsync(Declic)}']")!.HasAttribute("selected"));

        // By theme: only the actions on it.
        var onTheme = await browser.GetPageAsync("/pro/prevention/couverture?annee=2030&theme=Bullying");
        Assert.Equal(("1", "5"), Counts(onTheme, online));
        Assert.Equal(("2", "35"), Counts(onTheme, bullying));

        // An unknown value is no filter, never an error.
        using var odd = await browser.GetAsync(new Uri("/pro/prevention/couverture?annee=abc&reseau=1&theme=None&service=x", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);

        // The list filters the same way.
        var list = await browser.GetPageAsync($"/pro/prevention?annee=2030&theme=OnlineSafety&ecole={online}");
        Assert.Single(list.QuerySelectorAll("#actions tbody tr"));
    }

    [Fact]
    public async Task TheCsvOpensInASpreadsheetAsTextWithFormulasNeutralised()
    {
        var hostile = await app.InDatabaseAsync(async db =>
        {
            var school = db.Schools.Add(new School($"=HYPERLINK(\"http://x\";\"École {Guid.NewGuid():N}\")", SchoolNetwork.Libre, null)).Entity;
            await db.SaveChangesAsync(Cancellation);
            return school;
        });
        await app.NewPreventionAction(Declic).In(hostile.Id).On(new DateOnly(2032, 10, 3)).About(PreventionThemes.Bullying | PreventionThemes.Other).Reaching(17).SaveAsync();
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Mediation);

        var page = await browser.GetPageAsync("/pro/prevention/couverture?annee=2032&reseau=Libre");
        var link = page.QuerySelector("#csv")!.GetAttribute("href")!;
        Assert.Contains("annee=2032", link, StringComparison.Ordinal);
        Assert.Contains("reseau=Libre", link, StringComparison.Ordinal);

        using var response = await browser.GetAsync(new Uri(link, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Contains("2032-2033", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.Equal("École;Réseau;Actions;Élèves ou adultes touchés;Thèmes", lines[0]);
        var line = Assert.Single(lines, l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Equal("\"'" + hostile.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\";Libre;1;17;Formes de harcèlement, Autre", line);
        Assert.All(lines.Skip(1), l => Assert.Contains(";Libre;", l, StringComparison.Ordinal));

        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(
            e => e.Action == AuditActions.Export && e.EntityType == nameof(PreventionAction) && e.ActorId == person.Id, Cancellation)));
    }

    private static string Id(int school) => school.ToString(CultureInfo.InvariantCulture);

    private static AngleSharp.Dom.IElement? Row(AngleSharp.Html.Dom.IHtmlDocument page, int school) =>
        page.QuerySelector($"#coverage tr[data-school='{Id(school)}']");

    /// <summary>A school's actions and people reached, as the table shows them.</summary>
    private static (string Actions, string Reached) Counts(AngleSharp.Html.Dom.IHtmlDocument page, int school)
    {
        var row = Row(page, school) ?? throw new InvalidOperationException($"School {school} has no line.");
        return (Actions(row), row.QuerySelectorAll("td")[2].TextContent.Trim());
    }

    /// <summary>The number of actions on a line (a zero is followed by words for screen readers).</summary>
    private static string Actions(AngleSharp.Dom.IElement row)
    {
        var cell = row.QuerySelectorAll("td")[1];
        return cell.QuerySelector("strong")?.TextContent.Trim() ?? cell.TextContent.Trim();
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(TestProfessional person)
    {
        var claims = new List<System.Security.Claims.Claim>
        {
            new(System.Security.Claims.ClaimTypes.NameIdentifier, person.Id.ToString()),
            new(System.Security.Claims.ClaimTypes.Role, person.Role.ToString()),
        };
        if (person.PartnerServiceId is { } id)
        {
            claims.Add(new(CashClaims.Service, id.ToString(CultureInfo.InvariantCulture)));
        }

        return new(new System.Security.Claims.ClaimsIdentity(claims, "test"));
    }

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));
}

public sealed class RecordingPreventionActionsOnSqlite(SqliteCashApp app) : RecordingPreventionActionsTests(app), IClassFixture<SqliteCashApp>;

public sealed class RecordingPreventionActionsOnPostgres(PostgresCashApp app) : RecordingPreventionActionsTests(app), IClassFixture<PostgresCashApp>;
