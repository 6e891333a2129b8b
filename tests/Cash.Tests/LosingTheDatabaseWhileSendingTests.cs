using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cash.Tests;

/// <summary>
/// PostgreSQL goes away while a young person sends a request, then comes back (issue 4, point 8):
/// a clear 503 that keeps every word and choice, nothing half-saved, and the same form goes
/// through once the database is back, without restarting the app.
/// </summary>
/// <remarks>
/// The database is taken away as an operator would: it stops accepting connections and the open
/// ones are ended; the app's pooled connections are cleared so it notices at once.
/// </remarks>
public sealed class LosingTheDatabaseWhileSendingTests(PostgresMailFolderCashApp app) : IClassFixture<PostgresMailFolderCashApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestSentWhileTheDatabaseIsDownIsKeptAndGoesThroughOnceWhenItIsBack()
    {
        using var browser = app.NewBrowser();
        var form = await RawForm.OpenAsync(browser, "/aide");
        var key = form.Page.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!;
        var text = "Ils ont publié une photo de moi " + Guid.NewGuid();
        var fields = HelpForms.Valid(text);
        fields["Input.SubmissionKey"] = key;
        fields["Input.Service"] = "la-passerelle";
        fields["Input.Role"] = "Parent";
        fields["Input.Forms"] = "Cyber";
        fields["Input.Online"] = "true";
        fields["Input.Channel"] = "Email";
        fields["Input.Email"] = "parent-inquiet@example.be";
        fields["Input.Phone"] = "0470 12 34 56";
        fields["Input.MayForward"] = "true";

        HttpResponseMessage refused;
        AngleSharp.Html.Dom.IHtmlDocument page;
        try
        {
            await CutAsync();
            (refused, page) = await form.SendAsync(RawForm.Fields(fields));
        }
        finally
        {
            await RestoreAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(["30"], refused.Header("Retry-After"));
        Assert.Equal(Translations.Portal("Help.Refused.Unavailable", "fr"), page.QuerySelector(".warning-box p")?.TextContent);
        Assert.Null(HelpForms.ReceiptOn(page));
        Assert.Equal(text, page.QuerySelector("#Input_Text")?.TextContent);
        Assert.Equal("parent-inquiet@example.be", page.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.Equal("0470 12 34 56", page.QuerySelector("#Input_Phone")?.GetAttribute("value"));
        Assert.Equal(key, page.QuerySelector("input[name='Input.SubmissionKey']")?.GetAttribute("value"));
        Assert.Equal("la-passerelle", page.QuerySelector("#Input_Service option[selected]")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Role'][value='Parent'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Forms'][value='Cyber'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Online'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Channel'][value='Email'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.MayForward'][checked]"));
        Assert.Null(page.QuerySelector("input[name='Input.MayContactSchool'][checked]"));
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Exception", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CountAsync(key));

        // Back, without a restart: the same form (same key) is sent again and makes one request.
        var (sent, receipt) = await form.SendAsync(RawForm.Fields(fields));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.NotNull(HelpForms.ReceiptOn(receipt));
        Assert.Equal(1, await CountAsync(key));
    }

    [Fact]
    public async Task TheFollowUpPageStaysUpAndALookUpSaysComeBackLater()
    {
        using var browser = app.NewBrowser();
        var code = await browser.SendValidAsync("Pour le suivi " + Guid.NewGuid());
        var form = await RawForm.OpenAsync(browser, "/suivi");

        HttpResponseMessage page;
        HttpResponseMessage lookUp;
        try
        {
            await CutAsync();
            page = await browser.GetAsync(new Uri("/suivi", UriKind.Relative), Cancellation);
            await page.Content.LoadIntoBufferAsync(Cancellation);
            lookUp = await form.PostAsync([new("Code", code), new("action", FollowUpModel.Open)]);
        }
        finally
        {
            await RestoreAsync();
        }

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull((await page.ReadPageAsync()).QuerySelector("input[name='Code']"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, lookUp.StatusCode);
        Assert.Equal(["30"], lookUp.Header("Retry-After"));
        var answer = await lookUp.ReadPageAsync();
        Assert.Equal(Translations.Ui("Error.Unavailable.Title", "fr"), answer.QuerySelector("h1")?.TextContent.Trim());
        Assert.DoesNotContain("Npgsql", answer.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code, answer.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // Back: the same code opens the thread, without a restart.
        var (opened, thread) = await browser.OpenThreadAsync(code);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.NotNull(thread.QuerySelector(".thread"));
    }

    private string Name => new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database!;

    /// <summary>The database refuses new connections and its open ones are ended.</summary>
    private async Task CutAsync()
    {
        await AsAdminAsync($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS false");
        await AsAdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND pid <> pg_backend_pid()");
        NpgsqlConnection.ClearAllPools();
    }

    private async Task RestoreAsync()
    {
        await AsAdminAsync($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS true");
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task AsAdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private Task<int> CountAsync(string key) =>
        app.InDatabaseAsync(db =>
        {
            var hash = app.Services.GetRequiredService<ReceiptCodes>().SubmissionKeyHash(Guid.Parse(key));
            return db.HelpRequests.CountAsync(r => r.SubmissionKeyHash == hash, Cancellation);
        });
}
