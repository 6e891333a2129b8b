using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// A meeting's notes, minutes and decisions follow the sensitive-record recipe: re-encrypted by a
/// key rotation, unreadable (and audited so) once moved to another meeting, and every page that
/// shows them decrypted leaves a read in the audit trail.
/// </summary>
public abstract class KeepingMeetingTextsSealedTests(CashApp app)
{
    private const string Declic = "le-declic";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKeyRotationReencryptsNotesAndDecisionsAndTheyStillRead()
    {
        var notes = "Notes de rotation " + Guid.NewGuid();
        var decision = "Décision de rotation " + Guid.NewGuid();
        var meeting = await app.AddMeetingAsync("Rotation", DateTimeOffset.UtcNow.AddHours(-1), Declic);
        await app.AddAgendaItemAsync(meeting, "Point", null, notes);
        await app.AddDecisionAsync(meeting, Declic, decision);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rotated = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Cancellation);
            Assert.True(rotated.ReencryptedByColumn["AgendaItems.Notes"] >= 1);
            Assert.True(rotated.ReencryptedByColumn["MeetingDecisions.Text"] >= 1);
        }

        var (member, person) = await app.SignInAsAsync(ProRole.Member, Declic);
        using var browser = member;
        var page = await browser.GetPageAsync($"/pro/reunions/{meeting}");
        Assert.Equal(notes, page.QuerySelector(".agenda-notes")?.TextContent);
        Assert.Equal(decision, page.QuerySelector(".decision-text")?.TextContent);
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Read && e.EntityId == meeting.ToString() && e.ActorId == person.Id, Cancellation)));
    }

    [Fact]
    public async Task NotesMovedToAnotherMeetingAreNotShownThereAndTheAttemptIsAudited()
    {
        var confided = "Confié à une autre réunion " + Guid.NewGuid();
        var victim = await app.AddMeetingAsync("Victime", DateTimeOffset.UtcNow.AddDays(1), Declic);
        var attacker = await app.AddMeetingAsync("Attaquant", DateTimeOffset.UtcNow.AddDays(1), Declic);
        var stolenFrom = await app.AddAgendaItemAsync(victim, "Point", null, confided);
        var target = await app.AddAgendaItemAsync(attacker, "Point", null, "Notes de l'attaquant");
        var stolen = await app.InDatabaseAsync(db => db.AgendaItems.Where(i => i.Id == stolenFrom).Select(i => i.Notes).SingleAsync(Cancellation));
        await app.InDatabaseAsync(async db =>
        {
            var item = await db.AgendaItems.SingleAsync(i => i.Id == target, Cancellation);
            item.Notes = stolen;
            await db.SaveChangesAsync(Cancellation);
        });

        var (member, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using var browser = member;
        var page = await browser.GetPageAsync($"/pro/reunions/{attacker}");
        Assert.DoesNotContain(confided, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#point-{target} .unreadable"));
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Unreadable && e.EntityId == attacker.ToString(), Cancellation)));
    }
}

public sealed class KeepingMeetingTextsSealedOnSqlite(SqliteCashApp app) : KeepingMeetingTextsSealedTests(app), IClassFixture<SqliteCashApp>;

public sealed class KeepingMeetingTextsSealedOnPostgres(PostgresCashApp app) : KeepingMeetingTextsSealedTests(app), IClassFixture<PostgresCashApp>;
