using System.Net;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Help;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.FollowUp;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// Someone holds on to a follow-up ticket — a page left open on a shared computer, a copied form:
/// every action renews it, but never past a few hours after the code was typed, and closing the
/// thread voids every ticket issued before. A refused ticket brings the code form back with a
/// notice and the typed reply kept, never an error page.
/// </summary>
public abstract class HoldingOnToAFollowUpTicketTests(CashApp app)
{
    private const string Draft = "Ce que j’étais en train d’écrire";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATicketRenewedByEveryActionStillEndsFourHoursAfterTheCodeWasTyped()
    {
        var clock = new AuditClock(DateTimeOffset.UtcNow);
        await using var timed = app.Using(new Clock(clock));
        using var browser = timed.NewBrowser();
        var (_, thread) = await browser.OpenThreadAsync(await browser.SendValidAsync("Je reviens souvent"));

        // Busy all along: an action every 50 minutes, each renewing a ticket valid one hour, up to 3 h 20.
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(50));
            (_, thread) = await browser.ActInThreadAsync(thread, "show");
            Assert.NotNull(thread.QuerySelector(".thread"));
        }

        clock.Advance(TimeSpan.FromMinutes(41));
        var (response, page) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, Draft);

        AssertRefusedKeepingTheDraft(response, page);
    }

    [Fact]
    public async Task TheCapIsASetting()
    {
        var clock = new AuditClock(DateTimeOffset.UtcNow);
        await using var timed = app.Using(new Clock(clock), new AppSettings("Help:TicketMaxHours", "2"));
        using var browser = timed.NewBrowser();
        var (_, thread) = await browser.OpenThreadAsync(await browser.SendValidAsync("Une demande"));

        clock.Advance(TimeSpan.FromMinutes(55));
        (_, thread) = await browser.ActInThreadAsync(thread, "show");
        clock.Advance(TimeSpan.FromMinutes(55));
        (_, thread) = await browser.ActInThreadAsync(thread, "show");
        Assert.NotNull(thread.QuerySelector(".thread"));
        clock.Advance(TimeSpan.FromMinutes(11));
        var (response, page) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, Draft);

        AssertRefusedKeepingTheDraft(response, page);
    }

    [Fact]
    public async Task ATicketLeftAloneForMoreThanAnHourIsRefusedOnTheAppsClock()
    {
        var clock = new AuditClock(DateTimeOffset.UtcNow);
        await using var timed = app.Using(new Clock(clock));
        using var browser = timed.NewBrowser();
        var (_, thread) = await browser.OpenThreadAsync(await browser.SendValidAsync("Une demande"));

        clock.Advance(TimeSpan.FromMinutes(61));
        var (response, page) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, Draft);

        AssertRefusedKeepingTheDraft(response, page);
    }

    [Fact]
    public async Task ATicketIssuedBeforeTheServiceClosedTheThreadOpensNothingAfter()
    {
        using var browser = app.NewBrowser();
        var code = await browser.SendValidAsync("Une demande qui sera close");
        var (_, thread) = await browser.OpenThreadAsync(code);
        await CloseAsync(code);

        var (response, page) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, Draft);

        AssertRefusedKeepingTheDraft(response, page);
        Assert.Empty((await RequestAsync(code)).Messages);

        // The code still shows the closed thread, with the reply that could not be sent.
        var (_, reopened) = await OpenKeepingTheDraftAsync(browser, page, code);
        Assert.Equal(Translations.Portal("FollowUp.Status.Closed", "fr"), reopened.QuerySelectorAll(".summary-list dd")[1].TextContent.Trim());
        Assert.Equal(Draft, reopened.QuerySelector(".unsent")?.TextContent);
        Assert.Null(reopened.QuerySelector("input[name='Ticket']"));
    }

    [Fact]
    public async Task ATicketFromBeforeTheSenderClosedTheThreadOpensNothingAfter()
    {
        using var browser = app.NewBrowser();
        var code = await browser.SendValidAsync("Je fermerai moi-même");
        var (_, thread) = await browser.OpenThreadAsync(code);
        var (_, asking) = await browser.ActInThreadAsync(thread, FollowUpModel.AskToClose);
        await browser.ActInThreadAsync(asking, FollowUpModel.ConfirmClose);
        Assert.Equal(HelpRequestStatus.Closed, (await RequestAsync(code)).Status);

        // The page left open before closing, in another tab or a copy of the form.
        var (forwarding, forwardingPage) = await browser.ActInThreadAsync(thread, FollowUpModel.AllowForwarding);
        var (response, page) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, Draft);

        Assert.Equal(HttpStatusCode.OK, forwarding.StatusCode);
        Assert.Null(forwardingPage.QuerySelector(".thread"));
        AssertRefusedKeepingTheDraft(response, page);
        Assert.False((await RequestAsync(code)).MayForward);
    }

    private static void AssertRefusedKeepingTheDraft(HttpResponseMessage response, IHtmlDocument page)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector(".thread"));
        Assert.Null(page.QuerySelector("input[name='Ticket']"));
        Assert.Equal(Translations.Portal("FollowUp.TicketExpired", "fr"), page.QuerySelector(".warning-box p")?.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='Code']"));
        Assert.Equal(Draft, page.QuerySelector("input[name='Reply']")?.GetAttribute("value"));
    }

    /// <summary>Types the code into the code form the refusal brought back, which carries the draft.</summary>
    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> OpenKeepingTheDraftAsync(HttpClient browser, IHtmlDocument refused, string code)
    {
        var form = refused.QuerySelector("main form")!;
        var fields = form.QuerySelectorAll("input[type='hidden']")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Append(new("Code", code))
            .Append(new("action", FollowUpModel.Open));
        using var content = new FormUrlEncodedContent(fields);
        var response = await browser.PostAsync(new Uri("/suivi", UriKind.Relative), content, Cancellation);
        await response.Content.LoadIntoBufferAsync(Cancellation);
        return (response, await response.ReadPageAsync());
    }

    private Task CloseAsync(string code) => app.InDatabaseAsync(async db =>
    {
        var request = await db.HelpRequests.SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(code), Cancellation);
        request.Close(HelpOutcome.Answered, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Cancellation);
    });

    private Task<HelpRequest> RequestAsync(string code) =>
        app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().Include(r => r.Messages).SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(code), Cancellation));
}

public sealed class HoldingOnToAFollowUpTicketOnSqlite(SqliteCashApp app) : HoldingOnToAFollowUpTicketTests(app), IClassFixture<SqliteCashApp>;

public sealed class HoldingOnToAFollowUpTicketOnPostgres(PostgresCashApp app) : HoldingOnToAFollowUpTicketTests(app), IClassFixture<PostgresCashApp>;
