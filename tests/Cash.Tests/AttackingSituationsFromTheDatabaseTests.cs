using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// Someone who can write to the database but does not hold the master key: turning an entry kept to
/// one service into a shared one, or moving a text or a file to another situation, opens nothing.
/// The pages say the value cannot be read, never crash, and the event is audited.
/// </summary>
public abstract class AttackingSituationsFromTheDatabaseTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEntryKeptToOneServiceAndMadeSharedInTheDatabaseIsReadByNobody()
    {
        var kept = "Ce que la médiation garde pour elle " + Guid.NewGuid();
        var situation = await app.NewSituation(Declic).Joined(Mediation).Entry(Mediation, SharingTier.OwnService, kept).SaveAsync();
        var entryId = situation.Entries[0];

        await app.InDatabaseAsync(db => db.JournalEntries.Where(e => e.Id == entryId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Tier, SharingTier.Shared), Cancellation));

        // The lead service now finds the entry in its journal, but not what it says; nor does its author's service.
        var (lead, leader) = await app.SignInAsAsync(ProRole.Member, Declic);
        var (mediation, mediator) = await app.SignInAsAsync(ProRole.Member, Mediation);
        foreach (var (browser, person) in new[] { (lead, leader), (mediation, mediator) })
        {
            using (browser)
            {
                using var response = await browser.GetAsync(new Uri(situation.JournalUrl, UriKind.Relative), Cancellation);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await response.ReadPageAsync();
                Assert.DoesNotContain(kept, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
                var text = page.QuerySelector($"#entree-{entryId} .request-text");
                Assert.NotNull(text);
                Assert.Contains("unreadable", text.ClassList);
                Assert.Equal(Translations.Situation("Journal.Entry.Unreadable", "fr"), text.TextContent);
                Assert.True(await UnreadableAsync(entryId, person.Id), "The unreadable entry is not in the audit trail.");
            }
        }
    }

    [Fact]
    public async Task AnEntrysTextCopiedIntoAnotherSituationDoesNotOpenThere()
    {
        var confided = "Confié dans une autre situation " + Guid.NewGuid();
        var victim = await app.NewSituation(Declic).Entry(Declic, SharingTier.Shared, confided).SaveAsync();
        var attackers = await app.NewSituation(Declic).Entry(Declic, SharingTier.Shared, "L'entrée de l'attaquant").SaveAsync();
        var stolen = await app.InDatabaseAsync(db => db.JournalEntries.Where(e => e.Id == victim.Entries[0]).Select(e => e.Text).SingleAsync(Cancellation));

        await app.InDatabaseAsync(db => db.JournalEntries.Where(e => e.Id == attackers.Entries[0])
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Text, stolen), Cancellation));

        using var lead = await app.SignInAsync(attackers.Opener);
        var page = await lead.GetPageAsync(attackers.JournalUrl);
        Assert.DoesNotContain(confided, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(Translations.Situation("Journal.Entry.Unreadable", "fr"), page.QuerySelector($"#entree-{attackers.Entries[0]} .request-text")?.TextContent);
    }

    [Fact]
    public async Task ADocumentMovedToAnotherSituationIsNotSent()
    {
        var marker = "Capture de la victime " + Guid.NewGuid();
        var victim = await app.NewSituation(Declic).Document(Declic, "victime.png", SampleFiles.Png(marker)).SaveAsync();
        var attackers = await app.NewSituation(Mediation).SaveAsync();
        var documentId = victim.Documents[0];

        await app.InDatabaseAsync(db => db.SituationDocuments.Where(d => d.Id == documentId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SituationId, attackers.Id), Cancellation));

        using var attacker = await app.SignInAsync(attackers.Opener);
        var list = await attacker.GetPageAsync(attackers.DocumentsUrl);
        Assert.DoesNotContain("victime.png", list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains(Translations.Situation("Document.Name.Unreadable", "fr"), list.QuerySelector($"tr[data-document='{documentId}']")!.TextContent, StringComparison.Ordinal);

        using var download = await attacker.GetAsync(new Uri(attackers.DownloadUrl(documentId), UriKind.Relative), Cancellation);
        Assert.Equal("text/html", download.Content.Headers.ContentType?.MediaType);
        Assert.Null(download.Content.Headers.ContentDisposition);
        var body = await download.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
        Assert.Contains(Translations.Situation("Document.Unreadable.Title", "fr"), body, StringComparison.Ordinal);
        Assert.True(await UnreadableAsync(documentId, attackers.Opener.Id));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Export && e.EntityId == documentId.ToString(), Cancellation)));
    }

    private Task<bool> UnreadableAsync(Guid id, Guid actor) =>
        app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Unreadable && e.EntityId == id.ToString() && e.ActorId == actor, Cancellation));
}

public sealed class AttackingSituationsFromTheDatabaseOnSqlite(SqliteCashApp app) : AttackingSituationsFromTheDatabaseTests(app), IClassFixture<SqliteCashApp>;

public sealed class AttackingSituationsFromTheDatabaseOnPostgres(PostgresCashApp app) : AttackingSituationsFromTheDatabaseTests(app), IClassFixture<PostgresCashApp>;
