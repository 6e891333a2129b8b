using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Help;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.Help;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Threads nobody touched for the inactivity period (default 90 days) are deleted with their
/// messages by the expiry job, on instants the test chooses; a message from either side restarts
/// the period; each deletion is in the audit trail; the period is a setting.
/// </summary>
public abstract class ExpiringThreadsTests(CashApp app)
{
    // Far from the real clock, so the app's own hourly run never touches these requests.
    private static readonly DateTimeOffset Start = new(2031, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AThreadInactiveForEightyNineDaysStaysAndGoesWithItsMessagesAtNinety()
    {
        var id = await app.NewHelpRequest().To("le-declic").Text("Personne ne me parle à la récré").At(Start).SaveAsync();
        await WriteAsync(app, id, MessageAuthor.Sender, Start.AddHours(1));
        await WriteAsync(app, id, MessageAuthor.Service, Start.AddHours(2));
        var job = app.Services.GetRequiredService<ExpiryJob>();
        var lastActivity = Start.AddHours(2);

        await job.DeleteExpiredAsync(lastActivity.AddDays(89), Cancellation);
        Assert.True(await ExistsAsync(app, id));
        Assert.Equal(2, await MessageCountAsync(app, id));

        Assert.True(await job.DeleteExpiredAsync(lastActivity.AddDays(90), Cancellation) >= 1);
        Assert.False(await ExistsAsync(app, id));
        Assert.Equal(0, await MessageCountAsync(app, id));
    }

    [Fact]
    public async Task TheJobItselfRunsOnTheAppsClock()
    {
        // Later than every other test's requests: the job below deletes everything older than 90 days before its clock.
        var written = Start.AddYears(2);
        var id = await app.NewHelpRequest().To("le-declic").Text("Sur l'horloge de l'application").At(written).SaveAsync();

        // The job runs once when the app starts, then every hour, reading the injected TimeProvider.
        await using (var before = app.Using(new Clock(written.AddDays(89))))
        {
            _ = before.Services;
            await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);
            Assert.True(await ExistsAsync(app, id));
        }

        await using var after = app.Using(new Clock(written.AddDays(90)));
        _ = after.Services;
        for (var i = 0; i < 100 && await ExistsAsync(app, id); i++)
        {
            await Task.Delay(100, Cancellation);
        }

        Assert.False(await ExistsAsync(app, id));
    }

    [Fact]
    public async Task AReplyRestartsTheClock()
    {
        var id = await app.NewHelpRequest().To("la-passerelle").Text("Ça recommence").At(Start).SaveAsync();
        var reply = Start.AddDays(60);
        await WriteAsync(app, id, MessageAuthor.Sender, reply);
        var job = app.Services.GetRequiredService<ExpiryJob>();

        await job.DeleteExpiredAsync(Start.AddDays(90), Cancellation);
        Assert.True(await ExistsAsync(app, id));
        await job.DeleteExpiredAsync(reply.AddDays(90).AddMinutes(-1), Cancellation);
        Assert.True(await ExistsAsync(app, id));

        await job.DeleteExpiredAsync(reply.AddDays(90), Cancellation);
        Assert.False(await ExistsAsync(app, id));
    }

    [Fact]
    public async Task AClosedThreadExpiresLikeAnOpenOne()
    {
        var id = await app.NewHelpRequest().To("le-declic").Text("Merci, c'est réglé").At(Start).SaveAsync();
        await app.InDatabaseAsync(async db =>
        {
            var request = await db.HelpRequests.SingleAsync(r => r.Id == id, Cancellation);
            request.Close(HelpOutcome.ClosedBySender, Start.AddDays(1));
            await db.SaveChangesAsync(Cancellation);
        });

        await app.Services.GetRequiredService<ExpiryJob>().DeleteExpiredAsync(Start.AddDays(91), Cancellation);

        Assert.False(await ExistsAsync(app, id));
    }

    [Fact]
    public async Task EachDeletionIsInTheAuditTrailWithoutContent()
    {
        var id = await app.NewHelpRequest().Text("À oublier un jour").At(Start).SaveAsync();

        await app.Services.GetRequiredService<ExpiryJob>().DeleteExpiredAsync(Start.AddDays(90), Cancellation);

        var entries = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.Delete && e.EntityId == id.ToString()).ToListAsync(Cancellation));
        var entry = Assert.Single(entries);
        Assert.Equal(nameof(HelpRequest), entry.EntityType);
        Assert.Null(entry.ActorId);
    }

    [Fact]
    public async Task TheInactivityPeriodIsASetting()
    {
        using var week = app.Using(new AppSettings("Help:InactivityDays", "7"));
        var id = await week.NewHelpRequest().To("le-declic").Text("Une semaine seulement").At(Start).SaveAsync();
        var job = week.Services.GetRequiredService<ExpiryJob>();

        await job.DeleteExpiredAsync(Start.AddDays(6), Cancellation);
        Assert.True(await ExistsAsync(week, id));

        await job.DeleteExpiredAsync(Start.AddDays(7), Cancellation);
        Assert.False(await ExistsAsync(week, id));
    }

    private static async Task WriteAsync(WebApplicationFactory<Program> factory, Guid id, MessageAuthor author, DateTimeOffset at)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var request = await db.HelpRequests.SingleAsync(r => r.Id == id, Cancellation);
        var messageId = Guid.CreateVersion7();
        var body = await cipher.EncryptAsync($"Message de {author}", HelpColumns.MessageBody(messageId, request.Id, author), Cancellation);
        db.HelpMessages.Add(request.Write(author, body, messageId, null, at));
        await db.SaveChangesAsync(Cancellation);
    }

    private static async Task<bool> ExistsAsync(WebApplicationFactory<Program> factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CashDbContext>().HelpRequests.AnyAsync(r => r.Id == id, Cancellation);
    }

    private static async Task<int> MessageCountAsync(WebApplicationFactory<Program> factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CashDbContext>().HelpMessages.CountAsync(m => m.HelpRequestId == id, Cancellation);
    }
}

public sealed class ExpiringThreadsOnSqlite(SqliteMailFolderCashApp app) : ExpiringThreadsTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class ExpiringThreadsOnPostgres(PostgresMailFolderCashApp app) : ExpiringThreadsTests(app), IClassFixture<PostgresMailFolderCashApp>;
