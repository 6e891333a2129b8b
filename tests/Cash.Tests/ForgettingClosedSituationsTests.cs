using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Situations;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Closing and forgetting (issue 10, point 8): <c>Situations:RetentionMonths</c> (24) after a
/// situation was closed, the retention job erases what names or describes anyone and keeps the
/// anonymous facts, in one save per situation, audited; reopening is refused from then on. The job
/// runs on instants the test chooses, far from the real clock so the app's own hourly run leaves
/// these situations alone.
/// </summary>
public abstract class ForgettingClosedSituationsTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";

    private static readonly DateTimeOffset Opened = new(2031, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closed = new(2031, 5, 15, 14, 30, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentyThreeMonthsAfterClosingEverythingStaysAtTwentyFourOnlyTheFactsRemain()
    {
        var situation = await FullSituationAsync(app);
        var meeting = await app.AddMeetingAsync("Concertation", Closed.AddDays(-3), "le-declic");
        var item = await app.AddAgendaItemAsync(meeting, "Point sur une situation", situation.Id, "L. a changé d'école");
        var job = app.Services.GetRequiredService<RetentionJob>();
        var before = await LoadAsync(app, situation.Id);

        await job.EraseDueAsync(Closed.AddMonths(23), Cancellation);
        var kept = await LoadAsync(app, situation.Id);
        Assert.False(kept.Situation.IsErased);
        Assert.NotNull(kept.Situation.Summary);
        Assert.All(kept.People, p => Assert.NotNull(p.Pseudonym));
        Assert.All(kept.Entries, e => Assert.NotNull(e.Text));
        Assert.All(kept.Documents, d => Assert.NotNull(d.Content));
        Assert.NotNull(await AgendaNotesAsync(item));

        Assert.True(await job.EraseDueAsync(Closed.AddMonths(24), Cancellation) >= 1);
        var erased = await LoadAsync(app, situation.Id);
        var s = erased.Situation;
        Assert.Equal(Closed.AddMonths(24), s.ErasedAt);

        // Forgotten: whatever names or describes anyone.
        Assert.Null(s.Summary);
        Assert.Null(s.ClassName);
        Assert.All(erased.People, p => Assert.True(p.Pseudonym is null && p.Identity is null && p.Age is null && p.ClassName is null));
        Assert.All(erased.Entries, e => Assert.Null(e.Text));
        Assert.All(erased.Referrals, r => Assert.True(r.Request is null && r.Justification is null && r.DeclineReason is null));
        Assert.All(erased.Documents, d => Assert.True(d.IsErased && d.Name is null && d.Content is null));
        Assert.Null(await AgendaNotesAsync(item));

        // Kept: the anonymous facts, for the statistics.
        var b = before.Situation;
        Assert.Equal((b.Reference, b.LeadServiceId, b.Channel, b.Severity, b.Status, b.Outcome, b.Forms, b.HappensOnline, b.Since, b.SchoolId, b.OutsideSchool),
            (s.Reference, s.LeadServiceId, s.Channel, s.Severity, s.Status, s.Outcome, s.Forms, s.HappensOnline, s.Since, s.SchoolId, s.OutsideSchool));
        Assert.Equal((b.CreatedAt, b.ClosedAt, b.EntryCount), (s.CreatedAt, s.ClosedAt, s.EntryCount));
        Assert.Equal(before.Services, erased.Services);
        Assert.Equal(before.People.Select(p => (p.Id, p.Role, p.AgeBand)), erased.People.Select(p => (p.Id, p.Role, p.AgeBand)));
        Assert.Equal(before.Entries.Select(e => (e.Id, e.Kind, e.Tier, e.HappenedOn)), erased.Entries.Select(e => (e.Id, e.Kind, e.Tier, e.HappenedOn)));
        Assert.Equal(before.Documents.Select(d => (d.Id, d.Type, d.Length)), erased.Documents.Select(d => (d.Id, d.Type, d.Length)));
        Assert.Equal(before.Referrals.Select(r => (r.Id, r.Status, r.ToServiceId)), erased.Referrals.Select(r => (r.Id, r.Status, r.ToServiceId)));
    }

    [Fact]
    public async Task TheErasureIsAuditedRecordByRecordAndOnceAsAWhole()
    {
        var situation = await FullSituationAsync(app);

        await app.Services.GetRequiredService<RetentionJob>().EraseDueAsync(Closed.AddMonths(24), Cancellation);

        var erase = Assert.Single(await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.SituationErase && e.EntityId == situation.Id.ToString()).ToListAsync(Cancellation)));
        Assert.Equal(nameof(Situation), erase.EntityType);
        Assert.Null(erase.ActorId);
        foreach (var id in new[] { situation.Id }.Concat(situation.People).Concat(situation.Entries).Concat(situation.Documents))
        {
            Assert.True(
                await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Update && e.EntityId == id.ToString(), Cancellation)),
                $"No update of {id} in the audit trail.");
        }

        // And the lead service's "who saw this file" says it.
        using var lead = await app.SignInAsync(situation.Opener);
        var history = await lead.GetPageAsync(situation.HistoryUrl);
        Assert.NotNull(history.QuerySelector($"tr[data-action='{AuditActions.SituationErase}']"));
    }

    [Fact]
    public async Task AnErasedSituationCannotBeReopenedNorWrittenTo()
    {
        var situation = await FullSituationAsync(app);
        await app.Services.GetRequiredService<RetentionJob>().EraseDueAsync(Closed.AddMonths(25), Cancellation);

        await app.InDatabaseAsync(async db =>
        {
            var erased = await db.Situations.SingleAsync(s => s.Id == situation.Id, Cancellation);
            Assert.Throws<InvalidOperationException>(() => erased.Reopen(Closed.AddMonths(25)));
        });

        using var lead = await app.SignInAsync(situation.Opener);
        var journal = await lead.GetPageAsync(situation.JournalUrl);
        Assert.Null(journal.QuerySelector("main form[method='post']"));
        Assert.All(journal.QuerySelectorAll("li.journal-entry .request-text"), t => Assert.Equal(Translations.Situation("Journal.Entry.Erased", "fr"), t.TextContent));
        using var post = await lead.PostRawAsync(situation.JournalUrl, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await lead.AntiforgeryTokenAsync("/pro/compte"),
            ["Write.Kind"] = nameof(JournalKind.Note),
            ["Write.HappenedOn"] = "2031-05-16",
            ["Write.Tier"] = nameof(SharingTier.Shared),
            ["Write.Text"] = "Après l'effacement",
        });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains(Translations.Situation("Journal.Error.Erased", "fr"), (await post.ReadPageAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        var documents = await lead.GetPageAsync(situation.DocumentsUrl);
        Assert.Null(documents.QuerySelector("input[type='file']"));
        using var download = await lead.GetAsync(new Uri(situation.DownloadUrl(situation.Documents[0]), UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(situation.Entries.Count, await app.InDatabaseAsync(db => db.JournalEntries.CountAsync(e => e.SituationId == situation.Id, Cancellation)));
    }

    [Fact]
    public async Task AnOpenOrReopenedSituationIsNeverErased()
    {
        var open = await app.NewSituation(Declic).At(Opened).SaveAsync();
        var reopened = await app.NewSituation(Declic).At(Opened).ClosedAt(Closed).SaveAsync();
        await app.InDatabaseAsync(async db =>
        {
            var situation = await db.Situations.SingleAsync(s => s.Id == reopened.Id, Cancellation);
            situation.Reopen(Closed.AddMonths(1));
            await db.SaveChangesAsync(Cancellation);
        });

        await app.Services.GetRequiredService<RetentionJob>().EraseDueAsync(Closed.AddYears(10), Cancellation);

        Assert.False((await LoadAsync(app, open.Id)).Situation.IsErased);
        Assert.False((await LoadAsync(app, reopened.Id)).Situation.IsErased);
    }

    [Fact]
    public async Task TheRetentionPeriodIsASetting()
    {
        using var shorter = app.Using(new AppSettings("Situations:RetentionMonths", "6"));
        var situation = await FullSituationAsync(shorter);
        var job = shorter.Services.GetRequiredService<RetentionJob>();

        await job.EraseDueAsync(Closed.AddMonths(6).AddMinutes(-1), Cancellation);
        Assert.False((await LoadAsync(shorter, situation.Id)).Situation.IsErased);

        await job.EraseDueAsync(Closed.AddMonths(6), Cancellation);
        Assert.True((await LoadAsync(shorter, situation.Id)).Situation.IsErased);
    }

    [Fact]
    public async Task TheJobItselfRunsOnTheAppsClock()
    {
        // Later than every other test's situations: the run erases everything closed 24 months before its clock.
        var closed = Closed.AddYears(3);
        var situation = await app.NewSituation(Declic).At(closed.AddMonths(-1)).ClosedAt(closed).SaveAsync();

        await using var later = app.Using(new Clock(closed.AddMonths(24)));
        _ = later.Services;
        for (var i = 0; i < 100 && !(await LoadAsync(app, situation.Id)).Situation.IsErased; i++)
        {
            await Task.Delay(100, Cancellation);
        }

        Assert.True((await LoadAsync(app, situation.Id)).Situation.IsErased);
    }

    private static Task<TestSituation> FullSituationAsync(WebApplicationFactory<Program> factory) =>
        factory.NewSituation(Declic)
            .Summary("Résumé à oublier " + Guid.NewGuid())
            .Class("2B")
            .PeopleAged(14)
            .WithPerson("L. M.", new PersonIdentity("Léa", "Martin", new DateOnly(2017, 4, 2), "0470 11 22 33", "papa : 0470 44 55 66"))
            .WithPerson("T. R.")
            .Joined(Mediation, "Une médiation en classe, à oublier")
            .Entry(Declic, SharingTier.Shared, "Entretien à oublier")
            .Entry(Mediation, SharingTier.OwnService, "Note de la médiation à oublier")
            .Document(Declic, "capture-lea.png", SampleFiles.Png("capture à oublier"))
            .At(Opened)
            .ClosedAt(Closed)
            .SaveAsync();

    private static async Task<Stored> LoadAsync(WebApplicationFactory<Program> factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var situation = await db.Situations.AsNoTracking().Include(s => s.Services).SingleAsync(s => s.Id == id, Cancellation);
        return new Stored(
            situation,
            [.. situation.Services.Select(s => (s.PartnerServiceId, s.Tier)).Order()],
            await db.InvolvedPeople.AsNoTracking().Where(p => p.SituationId == id).OrderBy(p => p.Id).ToListAsync(Cancellation),
            await db.JournalEntries.AsNoTracking().Where(e => e.SituationId == id).OrderBy(e => e.Id).ToListAsync(Cancellation),
            await db.Referrals.AsNoTracking().Where(r => r.SituationId == id).OrderBy(r => r.Id).ToListAsync(Cancellation),
            await db.SituationDocuments.AsNoTracking().Where(d => d.SituationId == id).OrderBy(d => d.Id).ToListAsync(Cancellation));
    }

    private sealed record Stored(
        Situation Situation,
        List<(int ServiceId, InvolvementTier Tier)> Services,
        List<InvolvedPerson> People,
        List<JournalEntry> Entries,
        List<Referral> Referrals,
        List<SituationDocument> Documents);

    private Task<byte[]?> AgendaNotesAsync(Guid itemId) =>
        app.InDatabaseAsync(db => db.AgendaItems.AsNoTracking().Where(a => a.Id == itemId).Select(a => a.Notes).SingleAsync(Cancellation));
}

public sealed class ForgettingClosedSituationsOnSqlite(SqliteCashApp app) : ForgettingClosedSituationsTests(app), IClassFixture<SqliteCashApp>;

public sealed class ForgettingClosedSituationsOnPostgres(PostgresCashApp app) : ForgettingClosedSituationsTests(app), IClassFixture<PostgresCashApp>;
