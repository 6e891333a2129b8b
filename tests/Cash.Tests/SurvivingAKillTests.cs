using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.FollowUp;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// A receipt shown is a request kept (issue 4, point 7): the real app, in a process of its own, shows
/// N receipts and is killed with SIGKILL straight away; started again on the same database, it has
/// all N requests and each code opens its thread.
/// </summary>
public abstract class SurvivingAKillTests(DatabaseProvider provider)
{
    private const int Requests = 20;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryReceiptShownBeforeAKillOpensItsThreadAfterTheRestart()
    {
        await using var database = await TestDatabase.CreateAsync(provider, Cancellation);
        var sent = new List<(string Code, string Text)>();

        await using (var server = await CashWebServer.StartAsync(database))
        {
            for (var i = 0; i < Requests; i++)
            {
                // Each request from a person of their own: the form, its token and cookie, then the post.
                var form = await OpenAsync(server, "/aide");
                var text = $"Demande {i} avant la panne {Guid.NewGuid()}";
                var (response, page) = await form.SendAsync(RawForm.Fields(HelpForms.Valid(text)));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"Request {i}: {(int)response.StatusCode}\n{server.Output}");
                var code = HelpForms.ReceiptOn(page);
                Assert.True(code is not null, $"Request {i} showed no receipt.\n{server.Output}");
                sent.Add((code, text));
            }

            // The last receipt has just been read: no pause, no shutdown.
            server.Kill();
            Assert.True(server.HasExited);
        }

        await using (var restarted = await CashWebServer.StartAsync(database))
        {
            await using (var db = database.OpenContext())
            {
                Assert.Equal(Requests, await db.HelpRequests.CountAsync(Cancellation));
            }

            foreach (var (code, text) in sent)
            {
                var form = await OpenAsync(restarted, "/suivi");
                var (response, thread) = await form.SendAsync([new("Code", code), new("action", FollowUpModel.Open)]);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(text, thread.QuerySelector(".thread .request-text")?.TextContent);
            }
        }
    }

    private static async Task<RawForm> OpenAsync(CashWebServer server, string url)
    {
        using var response = await server.Client.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
        await response.Content.LoadIntoBufferAsync(Cancellation);
        return await RawForm.FromAsync(server.Client, new Uri(url, UriKind.Relative), response, cookieByHand: true);
    }
}

public sealed class SurvivingAKillOnSqlite() : SurvivingAKillTests(DatabaseProvider.Sqlite);

public sealed class SurvivingAKillOnPostgres() : SurvivingAKillTests(DatabaseProvider.Postgres);
