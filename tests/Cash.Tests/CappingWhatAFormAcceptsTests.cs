using System.Net;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

/// <summary>
/// A public form takes what a person can honestly type (5,000 characters fit many times over in
/// 64 KB); a body far larger is refused before anything reads it, with a page that says why.
/// </summary>
public abstract class CappingWhatAFormAcceptsTests(CashApp app)
{
    [Theory]
    [InlineData("/aide", "fr")]
    [InlineData("/aide?culture=nl-BE", "nl")]
    [InlineData("/aide?culture=en", "en")]
    public async Task AMegabyteSentToTheHelpFormGetsTheTooLargePage(string form, string language)
    {
        using var browser = app.NewBrowser();

        var (response, page) = await browser.SendAsync(HelpForms.Valid(new string('a', 1024 * 1024)), form);

        using (response)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
            Assert.Equal(Translations.Ui("Error.TooLarge.Title", language), page.QuerySelector("h1")?.TextContent.Trim());
            Assert.Equal(Translations.Ui("Error.TooLarge.Text", language), page.QuerySelector("main .lead")?.TextContent.Trim());
            Assert.DoesNotContain("aaaaaaaaaa", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
            Assert.Null(HelpForms.ReceiptOn(page));
        }
    }

    [Fact]
    public async Task ALongestHonestRequestStillGoesThrough()
    {
        using var browser = app.NewBrowser();

        // The longest text allowed, in letters that each take six bytes once form-encoded.
        var receipt = await browser.SendValidAsync(new string('é', 5000));

        Assert.Equal(16, receipt.Length);
    }

    [Fact]
    public async Task AReplyTooLargeForTheFollowUpGetsTheTooLargePage()
    {
        using var browser = app.NewBrowser();
        using var response = await browser.PostRawAsync("/suivi", new Dictionary<string, string>
        {
            ["Code"] = "1234 5678 9012 3456",
            ["action"] = "ouvrir",
            ["Reply"] = new string('x', 200 * 1024),
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(Translations.Ui("Error.TooLarge.Title", "fr"), page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task AFormWithThousandsOfFieldsIsRefused()
    {
        using var browser = app.NewBrowser();
        var fields = HelpForms.Valid();
        for (var i = 0; i < 600; i++)
        {
            fields[$"f{i}"] = "1";
        }

        var (response, page) = await browser.SendAsync(fields);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(HelpForms.ReceiptOn(page));
        }
    }
}

public sealed class CappingWhatAFormAcceptsOnSqlite(SqliteCashApp app) : CappingWhatAFormAcceptsTests(app), IClassFixture<SqliteCashApp>;

public sealed class CappingWhatAFormAcceptsOnPostgres(PostgresCashApp app) : CappingWhatAFormAcceptsTests(app), IClassFixture<PostgresCashApp>;
