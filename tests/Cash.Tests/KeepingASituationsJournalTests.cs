using System.Globalization;
using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// The journal of a situation (issue 10, point 5): dated entries written by the services involved,
/// each shared with them all or kept to the author's service; a kept entry is never seen by another
/// service, nor counted for it; corrections are new entries pointing to the one they correct, and
/// nothing is edited in place; every entry read is audited; nobody else finds the journal.
/// </summary>
public abstract class KeepingASituationsJournalTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASharedEntryWrittenByTheLeadServiceIsReadByTheOtherInvolvedService()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation).SaveAsync();
        var text = "Entretien avec la maman de A. B. " + Guid.NewGuid();
        using var lead = await app.SignInAsync(situation.Opener);
        var versionBefore = await VersionAsync(situation.Id);

        using (var written = await lead.PostFormAsync(situation.JournalUrl, new Dictionary<string, string?>
        {
            ["Write.Kind"] = nameof(JournalKind.Interview),
            ["Write.HappenedOn"] = Today().AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Write.Tier"] = nameof(SharingTier.Shared),
            ["Write.Text"] = text,
        }))
        {
            ProfessionalSessions.AssertRedirect(written, situation.JournalUrl, "writing an entry");
        }

        var (mediation, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (mediation)
        {
            var page = await mediation.GetPageAsync(situation.JournalUrl);
            var entry = Assert.Single(page.QuerySelectorAll("li.journal-entry"));
            Assert.Equal(text, entry.QuerySelector(".request-text")?.TextContent);
            Assert.Equal(nameof(SharingTier.Shared), entry.GetAttribute("data-tier"));
            Assert.Contains(Translations.Situation("JournalKind.Interview", "fr"), entry.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        }

        var stored = await app.InDatabaseAsync(db => db.Situations.AsNoTracking().SingleAsync(s => s.Id == situation.Id, Cancellation));
        Assert.Equal(1, stored.EntryCount);
        Assert.True(stored.Version > versionBefore);
        var saved = await app.InDatabaseAsync(db => db.JournalEntries.AsNoTracking().SingleAsync(e => e.SituationId == situation.Id, Cancellation));
        Assert.Equal(Today().AddDays(-2), saved.HappenedOn);
        Assert.Equal(situation.Opener.Id, saved.AuthorId);
    }

    [Fact]
    public async Task AnEntryKeptToItsServiceIsNeverSeenByAnotherInvolvedService()
    {
        var shared = "Partagé avec tous " + Guid.NewGuid();
        var kept = "Gardé par la médiation " + Guid.NewGuid();
        var situation = await app.NewSituation(Declic).Joined(Mediation)
            .Entry(Declic, SharingTier.Shared, shared)
            .Entry(Mediation, SharingTier.OwnService, kept)
            .SaveAsync();
        var (sharedId, keptId) = (situation.Entries[0], situation.Entries[1]);

        // The mediation service reads both, and its reading is audited.
        var (mediation, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (mediation)
        {
            var own = await mediation.GetPageAsync(situation.JournalUrl);
            Assert.Equal(2, own.QuerySelectorAll("li.journal-entry").Length);
            Assert.Equal(Translations.Situation("Journal.Entries.Title", "fr", 2), own.QuerySelector("#entries-title")?.TextContent);
            Assert.Contains(kept, own.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        // The lead service: not on the page, not in its count, not in a link, not correctable, not in the history.
        using var lead = await app.SignInAsync(situation.Opener);
        var page = await lead.GetPageAsync(situation.JournalUrl);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain(kept, html, StringComparison.Ordinal);
        Assert.DoesNotContain(keptId.ToString(), html, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("li.journal-entry"));
        Assert.Equal(Translations.Situation("Journal.Entries.Title", "fr", 1), page.QuerySelector("#entries-title")?.TextContent);
        await AssertAnswersAsync(lead, HttpStatusCode.NotFound, $"{situation.JournalUrl}?corriger={keptId}");
        using (var correcting = await lead.PostRawAsync($"{situation.JournalUrl}?handler=Correct", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await lead.AntiforgeryTokenAsync(situation.JournalUrl),
            ["Correct.EntryId"] = keptId.ToString(),
            ["Correct.HappenedOn"] = Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Correct.Text"] = "Correction d'une entrée qui n'existe pas pour moi",
        }))
        {
            Assert.Equal(HttpStatusCode.NotFound, correcting.StatusCode);
        }

        var history = await lead.GetPageAsync(situation.HistoryUrl);
        var linesAboutShared = await AuditLinesAboutAsync(sharedId);
        Assert.True(await AuditLinesAboutAsync(keptId) > 0, "The kept entry has lines in the trail: the history must leave them out.");
        Assert.Equal(linesAboutShared, history.QuerySelectorAll("tr[data-entity='JournalEntry']").Sum(r => int.Parse(r.GetAttribute("data-count")!, CultureInfo.InvariantCulture)));

        // The number a coordinator sees counts the shared entry only.
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Situations.Where(s => s.Id == situation.Id).Select(s => s.EntryCount).SingleAsync(Cancellation)));
    }

    [Fact]
    public async Task AnEntryKeptToItsServiceMovesNeitherTheCountNorTheActivityButIsCheckedAgainstOtherChanges()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation).At(DateTimeOffset.UtcNow.AddDays(-3)).SaveAsync();
        var before = await app.InDatabaseAsync(db => db.Situations.AsNoTracking().SingleAsync(s => s.Id == situation.Id, Cancellation));
        var (mediation, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (mediation)
        using (var written = await mediation.PostFormAsync(situation.JournalUrl, new Dictionary<string, string?>
        {
            ["Write.Kind"] = nameof(JournalKind.Call),
            ["Write.Tier"] = nameof(SharingTier.OwnService),
            ["Write.Text"] = "Appel au papa, entre nous.",
        }))
        {
            ProfessionalSessions.AssertRedirect(written, situation.JournalUrl, "writing a kept entry");
        }

        var after = await app.InDatabaseAsync(db => db.Situations.AsNoTracking().SingleAsync(s => s.Id == situation.Id, Cancellation));
        Assert.Equal(before.EntryCount, after.EntryCount);
        Assert.Equal(before.LastActivityAt, after.LastActivityAt);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Version + 1, after.Version);
        var entry = await app.InDatabaseAsync(db => db.JournalEntries.AsNoTracking().SingleAsync(e => e.SituationId == situation.Id, Cancellation));
        Assert.Equal(SharingTier.OwnService, entry.Tier);
        Assert.Equal(JournalKind.Call, entry.Kind);
        Assert.Equal(Today(), entry.HappenedOn);
    }

    [Fact]
    public async Task AFutureDateAnEmptyTextAndAKindNotOfferedAreRefusedWithWhatWasTypedKept()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        using var lead = await app.SignInAsync(situation.Opener);
        var tomorrow = Today().AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using (var refused = await lead.PostFormAsync(situation.JournalUrl, new Dictionary<string, string?>
        {
            ["Write.Kind"] = nameof(JournalKind.Meeting),
            ["Write.HappenedOn"] = tomorrow,
            ["Write.Tier"] = nameof(SharingTier.OwnService),
            ["Write.Text"] = "",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ReadPageAsync();
            var errors = page.QuerySelectorAll(".error-summary li").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains(Translations.Situation("Journal.HappenedOn.Future", "fr"), errors);
            Assert.Contains(Translations.Situation("Journal.Text.Required", "fr"), errors);
            Assert.Equal(tomorrow, page.QuerySelector("#Write_HappenedOn")?.GetAttribute("value"));
            Assert.NotNull(page.QuerySelector("input[name='Write.Kind'][value='Meeting'][checked]"));
            Assert.NotNull(page.QuerySelector("input[name='Write.Tier'][value='OwnService'][checked]"));
        }

        using (var severity = await lead.PostFormAsync(situation.JournalUrl, new Dictionary<string, string?>
        {
            ["Write.Kind"] = nameof(JournalKind.SeverityChange),
            ["Write.Text"] = "Une gravité sans passer par la situation",
        }))
        {
            var page = await severity.ReadPageAsync();
            Assert.Equal(Translations.Situation("Journal.Kind.Required", "fr"), page.QuerySelector("#Write_Kind-error")?.TextContent.Replace(Translations.Ui("Form.ErrorPrefix", "fr"), "", StringComparison.Ordinal));
        }

        using (var old = await lead.PostFormAsync(situation.JournalUrl, new Dictionary<string, string?>
        {
            ["Write.Kind"] = nameof(JournalKind.Note),
            ["Write.HappenedOn"] = "31/02/2026",
            ["Write.Text"] = "Une date qui n'existe pas",
        }))
        {
            var page = await old.ReadPageAsync();
            Assert.Contains(Translations.Situation("Journal.HappenedOn.Invalid", "fr"), page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("Une date qui n'existe pas", page.QuerySelector("#Write_Text")?.TextContent.Trim());
        }

        Assert.Equal(0, await app.InDatabaseAsync(db => db.JournalEntries.CountAsync(e => e.SituationId == situation.Id, Cancellation)));
    }

    [Fact]
    public async Task ACorrectionIsANewEntryThatPointsToTheOneItCorrectsWhichStaysAsItWas()
    {
        const string original = "Rencontre le 3 : la classe de 2C (erreur)";
        var situation = await app.NewSituation(Declic).Joined(Mediation).Entry(Declic, SharingTier.Shared, original).SaveAsync();
        var originalId = situation.Entries[0];
        using var lead = await app.SignInAsync(situation.Opener);

        var form = await lead.GetPageAsync($"{situation.JournalUrl}?corriger={originalId}");
        Assert.Equal(original, form.QuerySelector("#correct-title ~ blockquote")?.TextContent);
        using (var corrected = await lead.PostFormAsync($"{situation.JournalUrl}?corriger={originalId}", new Dictionary<string, string?>
        {
            ["Correct.Text"] = "Rencontre le 3 : la classe de 2B",
        }))
        {
            ProfessionalSessions.AssertRedirect(corrected, situation.JournalUrl, "correcting an entry");
        }

        var entries = await app.InDatabaseAsync(db => db.JournalEntries.AsNoTracking().Where(e => e.SituationId == situation.Id).ToListAsync(Cancellation));
        Assert.Equal(2, entries.Count);
        var kept = entries.Single(e => e.Id == originalId);
        var correction = entries.Single(e => e.Id != originalId);
        Assert.Equal(originalId, correction.CorrectsId);
        Assert.Equal(kept.Tier, correction.Tier);
        Assert.Equal(kept.Kind, correction.Kind);
        Assert.Equal(original, await DecryptAsync(kept));

        // Both services see the pair, linked both ways; only the author's service may correct.
        var (mediation, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (mediation)
        {
            var page = await mediation.GetPageAsync(situation.JournalUrl);
            var correctionItem = page.QuerySelector($"#entree-{correction.Id}")!;
            Assert.Equal($"#entree-{originalId}", correctionItem.QuerySelector(".journal-corrects a")?.GetAttribute("href"));
            var originalItem = page.QuerySelector($"#entree-{originalId}")!;
            Assert.Equal($"#entree-{correction.Id}", originalItem.QuerySelector(".journal-corrected a")?.GetAttribute("href"));
            Assert.Equal(original, originalItem.QuerySelector(".request-text")?.TextContent);
            Assert.Empty(page.QuerySelectorAll("a[href*='corriger=']"));
            await AssertAnswersAsync(mediation, HttpStatusCode.NotFound, $"{situation.JournalUrl}?corriger={originalId}");
        }
    }

    [Fact]
    public async Task TheJournalDoesNotExistForAnyoneNotInvolved()
    {
        var secret = "Ce que seuls les services impliqués lisent " + Guid.NewGuid();
        var situation = await app.NewSituation(Declic).Joined(Mediation).Entry(Declic, SharingTier.Shared, secret).SaveAsync();
        foreach (var (role, slug) in new[] { (ProRole.Member, Passerelle), (ProRole.Lead, Passerelle), (ProRole.Coordinator, "egalite-des-chances"), (ProRole.Administrator, (string?)null) })
        {
            var (browser, _) = await app.SignInAsAsync(role, slug);
            using (browser)
            {
                using var get = await browser.GetAsync(new Uri(situation.JournalUrl, UriKind.Relative), Cancellation);
                Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
                Assert.DoesNotContain(secret, await get.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
                using var post = await browser.PostRawAsync(situation.JournalUrl, new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync("/pro/compte"),
                    ["Write.Kind"] = nameof(JournalKind.Note),
                    ["Write.HappenedOn"] = Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["Write.Tier"] = nameof(SharingTier.Shared),
                    ["Write.Text"] = "Écrit par quelqu'un qui n'est pas impliqué",
                });
                Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            }
        }

        using var anonymous = app.NewBrowser();
        using var visit = await anonymous.GetAsync(new Uri(situation.JournalUrl, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, visit.StatusCode);
        Assert.StartsWith("/pro/connexion", visit.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.JournalEntries.CountAsync(e => e.SituationId == situation.Id, Cancellation)));
    }

    [Fact]
    public async Task EachEntryShownIsAReadInTheAuditTrailWithWhoReadIt()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation)
            .Entry(Declic, SharingTier.Shared, "Première")
            .Entry(Mediation, SharingTier.Shared, "Deuxième")
            .SaveAsync();
        var (mediation, person) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (mediation)
        {
            await mediation.GetPageAsync(situation.JournalUrl);
        }

        foreach (var id in situation.Entries)
        {
            var read = Assert.Single(await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
                .Where(e => e.Action == AuditActions.Read && e.EntityId == id.ToString()).ToListAsync(Cancellation)));
            Assert.Equal(person.Id, read.ActorId);
            Assert.Equal(person.PartnerServiceId, read.PartnerServiceId);
            Assert.Equal(nameof(JournalEntry), read.EntityType);
        }
    }

    private async Task<int> VersionAsync(Guid id) =>
        await app.InDatabaseAsync(db => db.Situations.Where(s => s.Id == id).Select(s => s.Version).SingleAsync(Cancellation));

    private Task<int> AuditLinesAboutAsync(Guid id) =>
        app.InDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == id.ToString(), Cancellation));

    private async Task<string> DecryptAsync(JournalEntry entry)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldCipher>().DecryptAsync(entry.Text!, SituationColumns.EntryText(entry), Cancellation);
    }

    private static DateOnly Today() => Brussels.DayOf(DateTimeOffset.UtcNow);

    private static async Task AssertAnswersAsync(HttpClient browser, HttpStatusCode expected, string url)
    {
        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class KeepingASituationsJournalOnSqlite(SqliteCashApp app) : KeepingASituationsJournalTests(app), IClassFixture<SqliteCashApp>;

public sealed class KeepingASituationsJournalOnPostgres(PostgresCashApp app) : KeepingASituationsJournalTests(app), IClassFixture<PostgresCashApp>;
