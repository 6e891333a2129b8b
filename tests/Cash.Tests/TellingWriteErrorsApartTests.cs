using System.Net;
using System.Security.Cryptography;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.HelpRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// When storing a help request fails, the writer says why: the receipt's look-up id was taken (try
/// the next code), the same form was already sent, or the database failed — and only the last is
/// an error, which the form answers with a 503 and everything typed.
/// </summary>
public abstract class TellingWriteErrorsApartTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private HelpRequestWriter Writer => app.Services.GetRequiredService<HelpRequestWriter>();

    [Fact]
    public async Task ATakenLookUpIdIsToldApart()
    {
        var first = NewRequest();
        Assert.Equal(WriteResult.Saved, await Writer.WriteAsync(first, Cancellation));

        var second = NewRequest(receiptId: first.ReceiptId);

        Assert.Equal(WriteResult.ReceiptIdTaken, await Writer.WriteAsync(second, Cancellation));
    }

    [Fact]
    public async Task TheSameFormSentAgainIsToldApart()
    {
        var first = NewRequest();
        Assert.Equal(WriteResult.Saved, await Writer.WriteAsync(first, Cancellation));

        var again = NewRequest(submissionKeyHash: first.SubmissionKeyHash);

        Assert.Equal(WriteResult.AlreadySent, await Writer.WriteAsync(again, Cancellation));
    }

    [Fact]
    public async Task AnyOtherRefusalOfTheDatabaseIsAFailure()
    {
        await using (await RefusingNewRequestsAsync())
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => Writer.WriteAsync(NewRequest(), Cancellation));
        }
    }

    [Fact]
    public async Task TheFormAnswers503AndKeepsTheTextWhenTheDatabaseRefusesTheRequest()
    {
        using var browser = app.NewBrowser();
        var text = "Personne ne doit perdre ce texte " + Guid.NewGuid();
        var before = await CountAsync();

        HttpResponseMessage response;
        AngleSharp.Html.Dom.IHtmlDocument page;
        await using (await RefusingNewRequestsAsync())
        {
            (response, page) = await browser.SendAsync(HelpForms.Valid(text));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(Translations.Portal("Help.Refused.Unavailable", "fr"), page.QuerySelector(".warning-box p")?.TextContent);
        Assert.Equal(text, page.QuerySelector("#Input_Text")?.TextContent);
        Assert.Null(HelpForms.ReceiptOn(page));
        Assert.Equal(before, await CountAsync());
    }

    /// <summary>
    /// Makes the database refuse every new help request with an error that is not a duplicate: on
    /// SQLite a trigger (a constraint error too, SQLITE_CONSTRAINT_TRIGGER), on PostgreSQL a check.
    /// </summary>
    private async Task<IAsyncDisposable> RefusingNewRequestsAsync()
    {
        var sqlite = app.Provider == DatabaseProvider.Sqlite;
        await app.InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(sqlite
            ? "CREATE TRIGGER refuse_help_requests BEFORE INSERT ON \"HelpRequests\" BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;"
            : "ALTER TABLE \"HelpRequests\" ADD CONSTRAINT refuse_help_requests CHECK (\"Version\" < 0) NOT VALID;", Cancellation));
        return new Undo(() => app.InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(sqlite
            ? "DROP TRIGGER refuse_help_requests;"
            : "ALTER TABLE \"HelpRequests\" DROP CONSTRAINT refuse_help_requests;", Cancellation)));
    }

    private Task<int> CountAsync() => app.InDatabaseAsync(db => db.HelpRequests.CountAsync(Cancellation));

    private static HelpRequest NewRequest(byte[]? submissionKeyHash = null, string? receiptId = null) => new(submissionKeyHash ?? RandomNumberGenerator.GetBytes(32), null, DateTimeOffset.UtcNow)
    {
        SenderRole = SenderRole.YoungTarget,
        AgeBand = AgeBand.From13To15,
        Forms = BullyingForm.Verbal,
        Since = Duration.Weeks,
        Wishes = HelpWish.Listening,
        ReplyChannel = ReplyChannel.Receipt,
        ReceiptId = receiptId ?? RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
        ReceiptSalt = RandomNumberGenerator.GetBytes(16),
        ReceiptHash = RandomNumberGenerator.GetBytes(32),
        Text = RandomNumberGenerator.GetBytes(40),
    };

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}

public sealed class TellingWriteErrorsApartOnSqlite(SqliteCashApp app) : TellingWriteErrorsApartTests(app), IClassFixture<SqliteCashApp>;

public sealed class TellingWriteErrorsApartOnPostgres(PostgresCashApp app) : TellingWriteErrorsApartTests(app), IClassFixture<PostgresCashApp>;
