using System.Globalization;
using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// An administrator browses the audit trail (filtered, newest first, 50 a page) and verifies its
/// chain from the page; nobody else reads it.
/// </summary>
public abstract class BrowsingTheAuditLogTests(CashApp app)
{
    private const string Log = "/pro/admin/journal";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLogShowsTheAdministrationDoneAndTheVerificationFindsItIntact()
    {
        var declic = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == "le-declic").Select(s => s.Id).SingleAsync(Cancellation));
        var colleague = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        (await admin.PostFormAsync($"/pro/admin/services/{declic}", Fields(("Input.Texts[1].Conditions", $"Gratis. {Guid.NewGuid():N}")))).Dispose();
        (await admin.PostFormAsync("/pro/admin/personnes/inviter", Fields(("Input.Email", $"log-{Guid.NewGuid():N}@example.be"), ("Input.Role", "Member"), ("Input.ServiceId", declic.ToString(CultureInfo.InvariantCulture))))).Dispose();
        (await admin.PostFormAsync($"/pro/admin/personnes/{colleague.Id}", Fields(("Input.Role", "Lead")))).Dispose();
        (await admin.PostFormAsync($"/pro/admin/personnes/{colleague.Id}", Fields(), "main form[action*='handler=Disable']")).Dispose();

        var page = await admin.GetPageAsync($"{Log}?acteur={person.Id}");
        var rows = page.QuerySelectorAll("main table tbody tr");
        var actions = rows.Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Equal(
            [AuditActions.Disable, AuditActions.RoleChange, AuditActions.InvitationCreate, AuditActions.Update],
            actions.Where(a => a is AuditActions.Disable or AuditActions.RoleChange or AuditActions.InvitationCreate or AuditActions.Update));
        var sequences = rows.Select(r => long.Parse(r.GetAttribute("data-sequence")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.All(rows, row => Assert.Contains(person.DisplayName, row.TextContent, StringComparison.Ordinal));

        var roleChange = rows.First(r => r.GetAttribute("data-action") == AuditActions.RoleChange);
        Assert.Contains("Changement de rôle", roleChange.TextContent, StringComparison.Ordinal);
        Assert.Contains(colleague.Id.ToString(), roleChange.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(colleague.Email, page.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("PartnerService", rows.First(r => r.GetAttribute("data-action") == AuditActions.Update).TextContent, StringComparison.Ordinal);

        using var verified = await admin.PostFormAsync(Log, Fields(), "main form[action*='handler=Verify']");

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var result = await verified.ReadPageAsync();
        var notice = result.QuerySelector("[data-verification]");
        Assert.Equal("intact", notice?.GetAttribute("data-verification"));
        var entries = await app.InDatabaseAsync(db => db.AuditEntries.CountAsync(Cancellation));
        var checkedCount = long.Parse(new string(notice!.TextContent.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);
        Assert.Equal(entries - 1, checkedCount);
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AuditVerify && e.ActorId == person.Id && e.Outcome == AuditOutcome.Success, Cancellation)));
    }

    [Theory]
    [InlineData(ProRole.Member)]
    [InlineData(ProRole.Lead)]
    [InlineData(ProRole.Coordinator)]
    public async Task OnlyAnAdministratorReadsTheLog(ProRole role)
    {
        var (browser, _) = await app.SignInAsAsync(role, "le-declic");
        using var _ = browser;

        using var response = await browser.GetAsync(new Uri(Log, UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task FiltersNarrowTheLogAndOlderEntriesComeFiftyAtATime()
    {
        var actor = Guid.NewGuid();
        var trail = app.Services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < AuditQuery.PageSize + 5; i++)
        {
            await trail.RecordAsync(i % 5 == 0 ? AuditActions.Export : AuditActions.Read, AuditOutcome.Success, "Situation", i.ToString(CultureInfo.InvariantCulture), actorId: actor, cancellationToken: Cancellation);
        }

        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        var first = await admin.GetPageAsync($"{Log}?acteur={actor}");
        var firstRows = first.QuerySelectorAll("main table tbody tr");
        Assert.Equal(AuditQuery.PageSize, firstRows.Length);
        Assert.All(firstRows, row => Assert.Contains(actor.ToString(), row.TextContent, StringComparison.Ordinal));
        var older = first.QuerySelector("main a[rel='next']")?.GetAttribute("href");
        Assert.NotNull(older);
        Assert.Contains($"acteur={actor}", older, StringComparison.Ordinal);

        var second = await admin.GetPageAsync(older);
        var secondRows = second.QuerySelectorAll("main table tbody tr");
        Assert.Equal(5, secondRows.Length);
        Assert.Null(second.QuerySelector("main a[rel='next']"));
        Assert.True(
            secondRows.Max(r => long.Parse(r.GetAttribute("data-sequence")!, CultureInfo.InvariantCulture))
            < firstRows.Min(r => long.Parse(r.GetAttribute("data-sequence")!, CultureInfo.InvariantCulture)));

        var exports = await admin.GetPageAsync($"{Log}?acteur={actor}&action={AuditActions.Export}&resultat=Success");
        Assert.Equal(11, exports.QuerySelectorAll("main table tbody tr").Length);
        Assert.Equal(AuditActions.Export, exports.QuerySelector("select[name='action'] option[selected]")?.GetAttribute("value"));

        var today = BrusselsTime.From(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tomorrow = BrusselsTime.From(DateTimeOffset.UtcNow).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var todays = await admin.GetPageAsync($"{Log}?acteur={actor}&action={AuditActions.Export}&du={today}&au={today}");
        Assert.Equal(11, todays.QuerySelectorAll("main table tbody tr").Length);
        var none = await admin.GetPageAsync($"{Log}?acteur={actor}&du={tomorrow}");
        Assert.Empty(none.QuerySelectorAll("main table tbody tr"));
    }

    [Fact]
    public async Task AMistypedFilterIsExplainedNotIgnored()
    {
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        var page = await admin.GetPageAsync($"{Log}?acteur=quelqu-un&du=2026-02-30&au=2026-01-01&action=everything");

        Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
        Assert.Equal(["#acteur", "#action", "#du"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal));
        Assert.Equal("quelqu-un", page.QuerySelector("input#acteur")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector("main table"));
    }

    [Fact]
    public async Task AnEntryThatCannotBeReadIsReportedAsBrokenAndTheLogStillOpens()
    {
        var trail = app.Services.GetRequiredService<AuditTrail>();
        var entityId = Guid.NewGuid().ToString("N");
        await trail.RecordAsync(AuditActions.Read, AuditOutcome.Success, "Situation", entityId, cancellationToken: Cancellation);
        var (sequence, at) = await app.InDatabaseAsync(async db =>
            await db.AuditEntries.Where(e => e.EntityId == entityId).Select(e => new Tuple<long, DateTimeOffset>(e.Sequence, e.At)).SingleAsync(Cancellation));
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        // What only someone writing to the database file could do: values the application never writes.
        await AuditTampering.ExecuteAsync(app.Database, $"""UPDATE "AuditEntries" SET "Outcome" = 99 WHERE "Sequence" = {sequence}""", Cancellation);
        if (app.Database.Provider == DatabaseProvider.Sqlite)
        {
            await AuditTampering.ExecuteAsync(app.Database, $"""UPDATE "AuditEntries" SET "At" = 'not a time' WHERE "Sequence" = {sequence}""", Cancellation);
        }

        try
        {
            using var verified = await admin.PostFormAsync(Log, Fields(), "main form[action*='handler=Verify']");

            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            var result = await verified.ReadPageAsync();
            var notice = result.QuerySelector("[data-verification]");
            Assert.Equal("broken", notice?.GetAttribute("data-verification"));
            Assert.Contains(sequence.ToString(CultureInfo.InvariantCulture), notice!.TextContent, StringComparison.Ordinal);
            Assert.Contains("ne peut pas être lue", notice.TextContent, StringComparison.Ordinal);
            var row = result.QuerySelector($"main table tbody tr[data-sequence='{sequence}']");
            Assert.NotNull(row);
            Assert.Contains("ne peut pas être lue", row.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            // The other tests of this class verify the same trail and expect it intact.
            await AuditTampering.ExecuteAsync(app.Database, $"""UPDATE "AuditEntries" SET "Outcome" = 'Success' WHERE "Sequence" = {sequence}""", Cancellation);
            await AuditTampering.SetTimeAsync(app.Database, sequence, at, Cancellation);
        }
    }

    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);
}

public sealed class BrowsingTheAuditLogOnSqlite(SqliteMailFolderCashApp app) : BrowsingTheAuditLogTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class BrowsingTheAuditLogOnPostgres(PostgresMailFolderCashApp app) : BrowsingTheAuditLogTests(app), IClassFixture<PostgresMailFolderCashApp>;
