using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// "Who saw this file" (issue 10, point 7): the lead service's members see every read, change,
/// referral and download of the situation and of what it holds — person, service, action, time —
/// from the audit trail; nobody else finds the page.
/// </summary>
public abstract class SeeingWhoSawAFileTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLeadServiceSeesWhoReadChangedAndDownloadedWhatAndWhen()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation)
            .Entry(Declic, SharingTier.Shared, "Une")
            .Entry(Mediation, SharingTier.Shared, "Deux")
            .Document(Declic, "rapport.pdf", SampleFiles.Pdf("rapport"))
            .SaveAsync();

        // A member of the mediation service reads the journal twice, downloads the document, and the situation's page is read
        // (recorded by that page as a read of the situation).
        var mediationName = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == Mediation).SelectMany(s => s.Texts).Where(t => t.Language == "fr").Select(t => t.Name).SingleAsync(Cancellation));
        var (mediation, reader) = await app.SignInAsAsync(ProRole.Member, Mediation);
        using (mediation)
        {
            await mediation.GetPageAsync(situation.JournalUrl);
            await mediation.GetPageAsync(situation.JournalUrl);
            using var download = await mediation.GetAsync(new Uri(situation.DownloadUrl(situation.Documents[0]), UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        await app.Services.GetRequiredService<AuditTrail>().RecordReadAsync(
            await app.InDatabaseAsync(db => db.Situations.AsNoTracking().SingleAsync(s => s.Id == situation.Id, Cancellation)),
            actorId: reader.Id,
            partnerServiceId: reader.PartnerServiceId,
            cancellationToken: Cancellation);

        // Another member of the lead service looks.
        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using (lead)
        {
            var page = await lead.GetPageAsync(situation.HistoryUrl);
            var rows = page.QuerySelectorAll("tbody tr");
            var byReader = rows.Where(r => r.Children[1].TextContent == reader.DisplayName).ToList();
            Assert.All(byReader, r => Assert.Equal(mediationName, r.Children[2].TextContent));

            // Newest first: the situation read, the download, then each reading of the journal, its two entries in one row.
            Assert.Equal(4, byReader.Count);
            Assert.Equal((AuditActions.Read, nameof(Situation), "1"), Describe(byReader[0]));
            Assert.Equal((AuditActions.Export, nameof(SituationDocument), "1"), Describe(byReader[1]));
            Assert.Equal(Translations.Situation("History.Action.Download", "fr"), byReader[1].Children[3].TextContent.Trim());
            Assert.Equal((AuditActions.Read, nameof(JournalEntry), "2"), Describe(byReader[2]));
            Assert.Equal((AuditActions.Read, nameof(JournalEntry), "2"), Describe(byReader[3]));
            Assert.Equal(Translations.Situation("History.Record.JournalEntry.Many", "fr", 2), byReader[2].Children[4].TextContent);
            Assert.All(byReader, r => Assert.NotNull(r.QuerySelector("time[datetime]")));

            // The records' creations are there too, each with what it was (a referral, a consent, a person…).
            var created = rows.Where(r => r.GetAttribute("data-action") == AuditActions.Create).Select(r => r.GetAttribute("data-entity")).ToHashSet();
            Assert.Superset(new HashSet<string?> { nameof(Situation), nameof(InvolvedPerson), nameof(Consent), nameof(Referral), nameof(JournalEntry), nameof(SituationDocument) }, created);
        }
    }

    [Fact]
    public async Task OnlyTheLeadServicesMembersFindThePage()
    {
        var situation = await app.NewSituation(Declic).Joined(Mediation).SaveAsync();
        using (var opener = await app.SignInAsync(situation.Opener))
        {
            await opener.GetPageAsync(situation.HistoryUrl);
        }

        foreach (var (role, slug) in new[] { (ProRole.Member, Mediation), (ProRole.Lead, Mediation), (ProRole.Member, "la-passerelle"), (ProRole.Coordinator, "egalite-des-chances"), (ProRole.Administrator, (string?)null) })
        {
            var (browser, _) = await app.SignInAsAsync(role, slug);
            using (browser)
            {
                using var response = await browser.GetAsync(new Uri(situation.HistoryUrl, UriKind.Relative), Cancellation);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{role} of {slug} got {(int)response.StatusCode}.");
            }
        }
    }

    [Fact]
    public async Task TheHistoryGoesBackAPageAtATime()
    {
        var situation = await app.NewSituation(Declic).SaveAsync();
        var trail = app.Services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < AuditQuery.PageSize + 5; i++)
        {
            await trail.RecordAsync(AuditActions.Read, AuditOutcome.Success, nameof(Situation), situation.Id.ToString(), actorId: situation.Opener.Id, cancellationToken: Cancellation);
        }

        using var lead = await app.SignInAsync(situation.Opener);
        var first = await lead.GetPageAsync(situation.HistoryUrl);
        var sequences = first.QuerySelectorAll("tbody tr").Select(r => long.Parse(r.GetAttribute("data-sequence")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(AuditQuery.PageSize, sequences.Count);
        var older = first.QuerySelector("a[rel='next']")!.GetAttribute("href")!;
        var second = await lead.GetPageAsync(older);
        var next = second.QuerySelectorAll("tbody tr").Select(r => long.Parse(r.GetAttribute("data-sequence")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(next);
        Assert.True(next.Max() < sequences.Min());
    }

    private static (string? Action, string? Entity, string? Count) Describe(AngleSharp.Dom.IElement row) =>
        (row.GetAttribute("data-action"), row.GetAttribute("data-entity"), row.GetAttribute("data-count"));
}

public sealed class SeeingWhoSawAFileOnSqlite(SqliteCashApp app) : SeeingWhoSawAFileTests(app), IClassFixture<SqliteCashApp>;

public sealed class SeeingWhoSawAFileOnPostgres(PostgresCashApp app) : SeeingWhoSawAFileTests(app), IClassFixture<PostgresCashApp>;
