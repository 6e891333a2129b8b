using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Help;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.FollowUp;
using Cash.Web.Pages.Help;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>The sender comes back with the receipt code: reads, replies, agrees to be passed on, closes.</summary>
public abstract class FollowingUpARequestTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCodeOpensTheThreadAtTheSameAddressAndNothingIsKept()
    {
        using var browser = app.NewBrowser();
        var text = "Ils m’attendent à la sortie " + Guid.NewGuid();
        var code = await browser.SendValidAsync(text);

        // Typed as people copy it: with spaces and a dash.
        var (response, page) = await browser.OpenThreadAsync($"{code[..4]} {code[4..8]}-{code[8..12]} {code[12..]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(text, page.QuerySelector(".thread .request-text")?.TextContent);
        Assert.Equal(Translations.Portal("FollowUp.Status.New", "fr"), page.QuerySelectorAll(".summary-list dd")[1].TextContent.Trim());
        Assert.DoesNotContain(code, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("form"), form => Assert.Equal("/suivi", form.GetAttribute("action")));
    }

    [Fact]
    public async Task AWrongCodeAndAnExpiredCodeGetTheSameAnswer()
    {
        using var browser = app.NewBrowser();
        var expired = await browser.SendValidAsync("Vieille demande");
        await app.InDatabaseAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"HelpRequests\" SET \"LastActivityAt\" = {DateTimeOffset.UtcNow.AddDays(-91)} WHERE \"ReceiptId\" = {ReceiptCodes.IdOf(expired)}", Cancellation));
        var wrong = expired[..15] + (expired[15] == '0' ? '1' : '0');

        var (wrongResponse, wrongPage) = await browser.OpenThreadAsync(wrong);
        var (expiredResponse, expiredPage) = await browser.OpenThreadAsync(expired);
        var (unknownResponse, unknownPage) = await browser.OpenThreadAsync("0000 0000 0000 0001");

        Assert.Equal(HttpStatusCode.OK, wrongResponse.StatusCode);
        Assert.Equal(wrongResponse.StatusCode, expiredResponse.StatusCode);
        Assert.Equal(wrongResponse.StatusCode, unknownResponse.StatusCode);
        var message = Translations.Portal("FollowUp.Code.NotFound", "fr");
        Assert.Equal(message, wrongPage.QuerySelector(".error-summary a")?.TextContent);
        Assert.Equal(message, expiredPage.QuerySelector(".error-summary a")?.TextContent);
        Assert.Equal(message, unknownPage.QuerySelector(".error-summary a")?.TextContent);
        Assert.Null(expiredPage.QuerySelector(".thread"));

        // A near miss of the real code is almost the code: it is not written back into the page.
        Assert.DoesNotContain(wrong, wrongPage.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("", wrongPage.QuerySelector("#Code")?.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task SomethingThatIsNotACodeIsExplained()
    {
        using var browser = app.NewBrowser();

        var (_, page) = await browser.OpenThreadAsync("12345");

        Assert.Equal(Translations.Portal("FollowUp.Code.Format", "fr"), page.QuerySelector(".error-summary a")?.TextContent);
        Assert.Equal("#Code", page.QuerySelector(".error-summary a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task TheSenderRepliesOnceEvenWhenSendingTwice()
    {
        using var browser = app.NewBrowser();
        var code = await browser.SendValidAsync("Première partie");
        var (_, thread) = await browser.OpenThreadAsync(code);
        var reply = "Et aussi dans le bus " + Guid.NewGuid();

        var (_, after) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, reply);
        await browser.ActInThreadAsync(thread, FollowUpModel.Answer, reply);

        Assert.Equal(Translations.Portal("FollowUp.Reply.Done", "fr"), after.QuerySelector(".notice p")?.TextContent);
        Assert.Contains(reply, after.QuerySelectorAll(".thread .request-text").Select(p => p.TextContent));
        var messages = await MessagesAsync(code);
        var body = Assert.Single(messages);
        Assert.Equal(MessageAuthor.Sender, body.Author);
        Assert.Equal(reply, body.Text);
    }

    [Fact]
    public async Task AnEmptyReplyIsExplained()
    {
        using var browser = app.NewBrowser();
        var (_, thread) = await browser.OpenThreadAsync(await browser.SendValidAsync("Une demande"));

        var (_, page) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, "   ");

        Assert.Equal("#Reply", page.QuerySelector(".error-summary a")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(".thread"));
    }

    [Fact]
    public async Task AForgedOrOldTicketOpensNothingAndKeepsTheReply()
    {
        using var browser = app.NewBrowser();
        var (_, thread) = await browser.OpenThreadAsync(await browser.SendValidAsync("Une demande"));
        var ticket = thread.QuerySelector("input[name='Ticket']")!;
        ticket.SetAttribute("value", ticket.GetAttribute("value") + "x");

        var (_, page) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, "Mon brouillon");

        Assert.Null(page.QuerySelector(".thread"));
        Assert.Equal(Translations.Portal("FollowUp.TicketExpired", "fr"), page.QuerySelector(".warning-box p")?.TextContent);
        Assert.Equal("Mon brouillon", page.QuerySelector("input[name='Reply']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task TheSenderAgreesToBePassedOnAndClosesTheThread()
    {
        using var browser = app.NewBrowser();
        var code = await browser.SendValidAsync("Je veux bien être orienté");
        var (_, thread) = await browser.OpenThreadAsync(code);

        var (_, allowed) = await browser.ActInThreadAsync(thread, FollowUpModel.AllowForwarding);
        var (_, asking) = await browser.ActInThreadAsync(allowed, FollowUpModel.AskToClose);
        Assert.Equal(HelpRequestStatus.New, (await RequestAsync(code)).Status);
        var (_, closed) = await browser.ActInThreadAsync(asking, FollowUpModel.ConfirmClose);

        var request = await RequestAsync(code);
        Assert.True(request.MayForward);
        Assert.Equal(HelpRequestStatus.Closed, request.Status);
        Assert.Equal(HelpOutcome.ClosedBySender, request.Outcome);
        Assert.Null(closed.QuerySelector("textarea[name='Reply']"));
        Assert.Equal(Translations.Portal("FollowUp.Status.Closed", "fr"), closed.QuerySelectorAll(".summary-list dd")[1].TextContent.Trim());
    }

    [Fact]
    public async Task GuessingCodesTripsTheLimiter()
    {
        using var guarded = app.Using(new AppSettings("RateLimits:FollowUpFailuresPerClient", "3"));
        using var browser = guarded.NewBrowser();
        var code = await browser.SendValidAsync("Ma vraie demande");
        var wrong = code[..15] + (code[15] == '0' ? '1' : '0');

        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await browser.OpenThreadAsync(wrong);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Even the right code waits now: the limiter cannot tell a guess from a memory.
        var (blocked, page) = await browser.OpenThreadAsync(code);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Null(page.QuerySelector(".thread"));
        Assert.Equal(Translations.Portal("FollowUp.TooMany", "fr"), page.QuerySelector(".warning-box p")?.TextContent);
    }

    [Fact]
    public async Task ABurstOfWrongCodesFromOneClientIsBoundedByItsLimit()
    {
        using var guarded = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:FollowUpFailuresPerClient", "5"));
        using var browser = guarded.NewBrowser().From("203.0.113.50");
        var form = await RawForm.OpenAsync(browser, "/suivi");

        // Fifty guesses sent at the same moment: counted before the look-up, so only the client's five are looked up.
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => form.PostAsync(
        [
            new("Code", $"0000 0000 0000 {i:D4}"),
            new("action", FollowUpModel.Open),
        ])));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        answers.ToList().ForEach(a => a.Dispose());
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(45, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task TheRightCodeGivesBackItsAttempt()
    {
        using var guarded = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:FollowUpFailuresPerClient", "2"));
        using var browser = guarded.NewBrowser().From("203.0.113.51");
        var code = await browser.SendValidAsync("Je reviens souvent lire");

        for (var i = 0; i < 4; i++)
        {
            var (response, page) = await browser.OpenThreadAsync(code);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector(".thread"));
        }
    }

    [Fact]
    public async Task AFloodOfRepliesToOneThreadIsRefusedAndTheTextIsKept()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:FollowUpRepliesPerThreadPerHour", "3"));
        using var browser = limited.NewBrowser().From("203.0.113.60");
        var code = await browser.SendValidAsync("Un fil très bavard");
        var (_, thread) = await browser.OpenThreadAsync(code);
        for (var i = 0; i < 3; i++)
        {
            HttpResponseMessage response;
            (response, thread) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, "Encore un mot " + i);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var typed = "Le mot de trop " + Guid.NewGuid();
        var (refused, page) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, typed);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(Translations.Portal("FollowUp.Reply.TooMany", "fr"), page.QuerySelector(".error-summary a")?.TextContent);
        Assert.Equal(typed, page.QuerySelector("textarea[name='Reply']")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".thread"));
        Assert.Equal(3, (await MessagesAsync(code)).Count);
    }

    [Fact]
    public async Task OneClientRepliesToManyThreadsOnlySoOften()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:FollowUpRepliesPerClientPerHour", "3"));
        using var browser = limited.NewBrowser().From("2001:db8:77:1::5");
        var first = await browser.SendValidAsync("Premier fil");
        var second = await browser.SendValidAsync("Deuxième fil");
        var (_, one) = await browser.OpenThreadAsync(first);
        var (_, two) = await browser.OpenThreadAsync(second);

        (_, one) = await browser.ActInThreadAsync(one, FollowUpModel.Answer, "Réponse 1");
        (_, two) = await browser.ActInThreadAsync(two, FollowUpModel.Answer, "Réponse 2");
        (_, one) = await browser.ActInThreadAsync(one, FollowUpModel.Answer, "Réponse 3");

        // Another address of the same home network is the same client.
        browser.From("2001:db8:77:1::9");
        var (refused, _) = await browser.ActInThreadAsync(two, FollowUpModel.Answer, "Réponse 4");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Single(await MessagesAsync(second));
    }

    [Fact]
    public async Task AFormPostedWithoutItsTokenIsRefusedPlainly()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.PostRawAsync("/suivi", new Dictionary<string, string> { ["Code"] = "1234567812345678", ["action"] = FollowUpModel.Open });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void TheWholeSitesLimitSlowsEveryoneDownButLocksNobodyOut()
    {
        var limits = new HelpLimitOptions { FollowUpFailuresPerClient = 10, FollowUpFailuresGlobal = 3, FollowUpDelayMilliseconds = 250, FollowUpMaxDelayMilliseconds = 8000 };
        var guard = new FollowUpGuard(Microsoft.Extensions.Options.Options.Create(limits), TimeProvider.System);
        foreach (var guesser in new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" })
        {
            Assert.True(guard.TryCount(guesser, out _));
        }

        Assert.True(guard.TryCount("198.51.100.7", out var delay));
        Assert.Equal(TimeSpan.FromSeconds(8), delay);
    }

    [Fact]
    public void EachWrongCodeMakesTheNextAnswerSlower()
    {
        Assert.Equal(TimeSpan.Zero, FollowUpGuard.DelayAfter(0, 250, 8000));
        Assert.Equal(TimeSpan.FromMilliseconds(250), FollowUpGuard.DelayAfter(1, 250, 8000));
        Assert.Equal(TimeSpan.FromMilliseconds(500), FollowUpGuard.DelayAfter(2, 250, 8000));
        Assert.Equal(TimeSpan.FromMilliseconds(2000), FollowUpGuard.DelayAfter(4, 250, 8000));
        Assert.Equal(TimeSpan.FromMilliseconds(8000), FollowUpGuard.DelayAfter(50, 250, 8000));
    }

    private Task<HelpRequest> RequestAsync(string code) =>
        app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(code), Cancellation));

    private async Task<List<(MessageAuthor Author, string Text)>> MessagesAsync(string code)
    {
        var request = await RequestAsync(code);
        var cipher = app.Services.GetRequiredService<FieldCipher>();
        var messages = await app.InDatabaseAsync(db => db.HelpMessages.AsNoTracking().Where(m => m.HelpRequestId == request.Id).ToListAsync(Cancellation));
        var result = new List<(MessageAuthor, string)>();
        foreach (var message in messages)
        {
            result.Add((message.Author, await cipher.DecryptAsync(message.Body, HelpColumns.MessageBody(message), Cancellation)));
        }

        return result;
    }
}

public sealed class FollowingUpARequestOnSqlite(SqliteCashApp app) : FollowingUpARequestTests(app), IClassFixture<SqliteCashApp>;

public sealed class FollowingUpARequestOnPostgres(PostgresCashApp app) : FollowingUpARequestTests(app), IClassFixture<PostgresCashApp>;
