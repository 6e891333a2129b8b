using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.FollowUp;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Two people change one request at the same moment — a service answers while the sender closes,
/// say: the later write is refused with the request as it is now, what was typed is kept, and
/// nothing is reopened by accident.
/// </summary>
public abstract class RacingChangesToARequestTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAnswerWrittenOnAStaleCopyIsRefusedByTheDatabase()
    {
        var id = await app.NewHelpRequest().To("le-declic").Text("Une demande").SaveAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var stale = await db.HelpRequests.SingleAsync(r => r.Id == id, Cancellation);

        await CloseAsync(id, HelpOutcome.ClosedBySender);
        db.HelpMessages.Add(stale.Write(MessageAuthor.Service, [1, 2, 3], Guid.CreateVersion7(), null, DateTimeOffset.UtcNow));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Cancellation));
        var now = await app.LoadHelpRequestAsync(id);
        Assert.Equal(HelpRequestStatus.Closed, now.Status);
        Assert.Equal(HelpOutcome.ClosedBySender, now.Outcome);
        Assert.Empty(now.Messages);
    }

    [Fact]
    public async Task AnAnswerRacingTheSendersCloseIsRefusedAndTheTextIsKept()
    {
        var id = await app.NewHelpRequest().To("le-declic").Text("Une demande").SaveAsync();
        var meanwhile = new Meanwhile(() => CloseAsync(id, HelpOutcome.ClosedBySender));
        using var racing = Racing(meanwhile);
        var (browser, _) = await racing.SignInAsAsync(ProRole.Member, "le-declic");
        var url = $"/pro/demandes/{id}";
        var answer = "Bonjour, nous pouvons te recevoir mardi. " + Guid.NewGuid();

        using var response = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Answer.Body"] = answer });

        Assert.True(meanwhile.Happened);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(Translations.ProSpace("Inbox.Error.Changed", "fr"), page.QuerySelector(".error-summary li")?.TextContent.Trim());
        Assert.Contains(answer, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var now = await app.LoadHelpRequestAsync(id);
        Assert.Equal(HelpRequestStatus.Closed, now.Status);
        Assert.Empty(now.Messages);
    }

    [Fact]
    public async Task AReplyRacingTheServicesCloseIsRefusedAndTheTextIsKept()
    {
        using var browser = app.NewBrowser();
        var code = await browser.SendValidAsync("Une demande suivie");
        var id = await app.InDatabaseAsync(db => db.HelpRequests.Where(r => r.ReceiptId == ReceiptCodes.IdOf(code)).Select(r => r.Id).SingleAsync(Cancellation));
        var meanwhile = new Meanwhile(() => CloseAsync(id, HelpOutcome.Answered));
        using var racing = Racing(meanwhile);
        using var sender = racing.NewBrowser();
        var (_, thread) = await sender.OpenThreadAsync(code);
        var reply = "Merci, je viendrai mardi. " + Guid.NewGuid();

        var (response, page) = await sender.ActInThreadAsync(thread, FollowUpModel.Answer, reply);

        Assert.True(meanwhile.Happened);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(Translations.Portal("FollowUp.Changed", "fr"), page.QuerySelector(".error-summary li")?.TextContent.Trim());
        Assert.Contains(reply, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(Translations.Portal("FollowUp.Status.Closed", "fr"), page.QuerySelectorAll(".summary-list dd")[1].TextContent.Trim());
        var now = await app.LoadHelpRequestAsync(id);
        Assert.Equal(HelpRequestStatus.Closed, now.Status);
        Assert.Equal(HelpOutcome.Answered, now.Outcome);
        Assert.Empty(now.Messages);
    }

    [Fact]
    public async Task TheSendersCloseRacingAnAnswerIsRefusedAndNothingIsLost()
    {
        using var browser = app.NewBrowser();
        var code = await browser.SendValidAsync("Je voulais fermer");
        var id = await app.InDatabaseAsync(db => db.HelpRequests.Where(r => r.ReceiptId == ReceiptCodes.IdOf(code)).Select(r => r.Id).SingleAsync(Cancellation));
        var meanwhile = new Meanwhile(() => AnswerAsync(id, "Une réponse arrive au même moment"));
        using var racing = Racing(meanwhile);
        using var sender = racing.NewBrowser();
        var (_, thread) = await sender.OpenThreadAsync(code);
        var (_, asking) = await sender.ActInThreadAsync(thread, FollowUpModel.AskToClose);

        var (response, page) = await sender.ActInThreadAsync(asking, FollowUpModel.ConfirmClose);

        Assert.True(meanwhile.Happened);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(Translations.Portal("FollowUp.Changed", "fr"), page.QuerySelector(".error-summary li")?.TextContent.Trim());
        Assert.Contains("Une réponse arrive au même moment", page.QuerySelectorAll(".thread .request-text").Select(p => p.TextContent));
        var now = await app.LoadHelpRequestAsync(id);
        Assert.Equal(HelpRequestStatus.Acknowledged, now.Status);
        Assert.Single(now.Messages);
    }

    private WebApplicationFactory<Program> Racing(Meanwhile meanwhile) =>
        app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            if (app.Provider == DatabaseProvider.Sqlite)
            {
                services.ConfigureDbContext<SqliteCashDbContext>(options => options.AddInterceptors(meanwhile));
            }
            else
            {
                services.ConfigureDbContext<PostgresCashDbContext>(options => options.AddInterceptors(meanwhile));
            }
        }));

    private Task CloseAsync(Guid id, HelpOutcome outcome) => app.InDatabaseAsync(async db =>
    {
        var request = await db.HelpRequests.SingleAsync(r => r.Id == id, Cancellation);
        request.Close(outcome, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Cancellation);
    });

    private Task AnswerAsync(Guid id, string text) => app.InDatabaseAsync(async db =>
    {
        var request = await db.HelpRequests.SingleAsync(r => r.Id == id, Cancellation);
        var messageId = Guid.CreateVersion7();
        var body = await app.Services.GetRequiredService<FieldCipher>().EncryptAsync(text, HelpColumns.MessageBody(messageId, request.Id, MessageAuthor.Service), Cancellation);
        db.HelpMessages.Add(request.Write(MessageAuthor.Service, body, messageId, null, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Cancellation);
    });

    /// <summary>Runs <paramref name="change"/> once, just before the app first saves a change to a help request.</summary>
    private sealed class Meanwhile(Func<Task> change) : SaveChangesInterceptor
    {
        private Func<Task>? pending = change;

        public bool Happened => pending is null;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var changesARequest = eventData.Context?.ChangeTracker.Entries<HelpRequest>().Any(e => e.State is EntityState.Modified or EntityState.Deleted) == true;
            if (changesARequest && Interlocked.Exchange(ref pending, null) is { } run)
            {
                await run();
            }

            return result;
        }
    }
}

public sealed class RacingChangesToARequestOnSqlite(SqliteCashApp app) : RacingChangesToARequestTests(app), IClassFixture<SqliteCashApp>;

public sealed class RacingChangesToARequestOnPostgres(PostgresCashApp app) : RacingChangesToARequestTests(app), IClassFixture<PostgresCashApp>;
