using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Help;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.Help;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>A young person writes to a service from /aide: anonymous, encrypted, one receipt shown once the request is committed.</summary>
public abstract class SendingAHelpRequestTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAssistantsAnswersArePreselected()
    {
        var page = await app.GetPageAsync("/aide?service=la-passerelle&qui=Parent&formes=Cyber,Invented,Sexual&enligne=true&souhaits=Advice&ecole=999999");

        Assert.Equal("la-passerelle", page.QuerySelector("#Input_Service option[selected]")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Role'][value='Parent'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Forms'][value='Cyber'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Forms'][value='Sexual'][checked]"));
        Assert.Null(page.QuerySelector("input[name='Input.Forms'][value='Verbal'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Online'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Wishes'][value='Advice'][checked]"));

        // An unknown school is not chosen; consents are never ticked in advance.
        Assert.Null(page.QuerySelector("#Input_School option[selected]"));
        Assert.Null(page.QuerySelector("input[name='Input.MayContactSchool'][checked]"));
        Assert.Null(page.QuerySelector("input[name='Input.MayForward'][checked]"));
    }

    [Fact]
    public async Task AMissingAnswerIsExplainedAndNothingTypedIsLost()
    {
        using var browser = app.NewBrowser();
        var fields = HelpForms.Valid("");
        fields["Input.Role"] = null;
        fields["Input.Channel"] = "Email";
        fields["Input.Email"] = "pas-une-adresse";
        fields["Input.Phone"] = "0470 12 34 56";
        fields["Input.MayForward"] = "true";
        fields["Input.Forms"] = "Cyber";
        var before = await CountAsync();

        var (response, page) = await browser.SendAsync(fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Input_Role", "#Input_Text", "#Input_Email"], links);
        Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
        Assert.Equal("pas-une-adresse", page.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.Equal("0470 12 34 56", page.QuerySelector("#Input_Phone")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name='Input.MayForward'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Forms'][value='Cyber'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Channel'][value='Email'][checked]"));
        Assert.Equal("le-declic", page.QuerySelector("#Input_Service option[selected]")?.GetAttribute("value"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ATextStartingWithALineBreakIsKeptAsTyped()
    {
        using var browser = app.NewBrowser();
        var fields = HelpForms.Valid("\nPremière ligne vide, puis le reste.");
        fields["Input.Role"] = null;

        var (_, page) = await browser.SendAsync(fields);

        Assert.Equal("\nPremière ligne vide, puis le reste.", page.QuerySelector("#Input_Text")?.TextContent);
    }

    [Fact]
    public async Task TooLongATextIsRefusedAndKept()
    {
        using var browser = app.NewBrowser();
        var text = new string('a', RequestFormModel.MaxTextLength + 1);

        var (_, page) = await browser.SendAsync(HelpForms.Valid(text));

        Assert.Equal(["#Input_Text"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal(text, page.QuerySelector("#Input_Text")?.TextContent.Trim());
    }

    [Fact]
    public async Task AnAnonymousRequestGetsAReceiptAndIsStoredEncrypted()
    {
        using var browser = app.NewBrowser();
        var text = "On me traite de noms sur le groupe de la classe " + Guid.NewGuid();

        var (response, page) = await browser.SendAsync(HelpForms.Valid(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var code = HelpForms.ReceiptOn(page);
        Assert.NotNull(code);
        Assert.Equal(4, page.QuerySelectorAll(".receipt-group").Length);
        var stored = await app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(code), Cancellation));
        Assert.Equal(SenderRole.YoungTarget, stored.SenderRole);
        Assert.Equal(AgeBand.From13To15, stored.AgeBand);
        Assert.Equal(BullyingForm.Verbal, stored.Forms);
        Assert.Equal(ReplyChannel.Receipt, stored.ReplyChannel);
        Assert.Null(stored.Contact);
        Assert.False(stored.MayForward);
        Assert.False(stored.MayContactSchool);
        Assert.Equal(HelpRequestStatus.New, stored.Status);
        Assert.DoesNotContain(code, Convert.ToHexString(stored.ReceiptHash), StringComparison.Ordinal);

        var cipher = app.Services.GetRequiredService<FieldCipher>();
        Assert.Equal(text, await cipher.DecryptAsync(stored.Text, HelpColumns.Text(stored.Id), Cancellation));
        Assert.True(app.Services.GetRequiredService<ReceiptCodes>().Opens(stored, code));
    }

    [Fact]
    public async Task SendingTheSameFormTwiceMakesOneRequestWithTheSameReceipt()
    {
        using var browser = app.NewBrowser();
        var form = await browser.GetPageAsync("/aide");
        var key = form.QuerySelector("input[name='Input.SubmissionKey']")?.GetAttribute("value");
        var fields = HelpForms.Valid("Double clic " + Guid.NewGuid());
        fields["Input.SubmissionKey"] = key;

        var first = HelpForms.ReceiptOn((await browser.SendAsync(fields)).Page);
        var second = HelpForms.ReceiptOn((await browser.SendAsync(fields)).Page);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        var hash = app.Services.GetRequiredService<ReceiptCodes>().SubmissionKeyHash(Guid.Parse(key!));
        Assert.Equal(1, await app.InDatabaseAsync(db => db.HelpRequests.CountAsync(r => r.SubmissionKeyHash == hash, Cancellation)));
    }

    [Fact]
    public async Task AnOldFormSentAgainDoesNotShowTheCodeAnymore()
    {
        using var browser = app.NewBrowser();
        var key = Guid.NewGuid();
        var fields = HelpForms.Valid("Formulaire oublié " + key);
        fields["Input.SubmissionKey"] = key.ToString();
        Assert.NotNull(HelpForms.ReceiptOn((await browser.SendAsync(fields)).Page));
        await app.InDatabaseAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"HelpRequests\" SET \"CreatedAt\" = {DateTimeOffset.UtcNow.AddHours(-1)} WHERE \"SubmissionKeyHash\" = {app.Services.GetRequiredService<ReceiptCodes>().SubmissionKeyHash(key)}", Cancellation));

        var (_, page) = await browser.SendAsync(fields);

        Assert.Null(HelpForms.ReceiptOn(page));
        Assert.Equal(Translations.Portal("Help.AlreadySent.Title", "fr"), page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task TheRobotTrapRefusesWithoutStoringAndKeepsTheText()
    {
        using var browser = app.NewBrowser();
        var text = "Rempli par un robot " + Guid.NewGuid();
        var fields = HelpForms.Valid(text);
        fields["Input.Website"] = "http://spam.example";
        var before = await CountAsync();

        var (_, page) = await browser.SendAsync(fields);

        Assert.Null(HelpForms.ReceiptOn(page));
        Assert.Equal(["#Input_Website"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal(text, page.QuerySelector("#Input_Text")?.TextContent.Trim());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task EmailAndPhoneAreStoredEncrypted()
    {
        using var browser = app.NewBrowser();
        var address = $"jeune-{Guid.NewGuid():N}@example.be";

        var code = await browser.SendValidAsync("Par e-mail", f =>
        {
            f["Input.Channel"] = "Email";
            f["Input.Email"] = address;
            f["Input.MayForward"] = "true";
            f["Input.MayContactSchool"] = "true";
        });

        var stored = await app.InDatabaseAsync(db => db.HelpRequests.AsNoTracking().SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(code), Cancellation));
        Assert.Equal(ReplyChannel.Email, stored.ReplyChannel);
        Assert.True(stored.MayForward);
        Assert.True(stored.MayContactSchool);
        Assert.Equal(address, await app.Services.GetRequiredService<FieldCipher>().DecryptAsync(stored.Contact!, HelpColumns.Contact(stored.Id), Cancellation));
    }

    [Fact]
    public async Task TheServiceIsToldSomethingArrivedWithoutContent()
    {
        using var browser = app.NewBrowser();
        var text = "Contenu secret " + Guid.NewGuid();
        await browser.SendValidAsync(text, f => f["Input.Service"] = "la-passerelle");
        var serviceAddress = await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == "la-passerelle").Select(s => s.Email).SingleAsync(Cancellation));
        await app.Services.GetRequiredService<ArrivalNotifier>().SendPendingAsync(Cancellation);

        var message = await WaitForMailAsync(serviceAddress);

        var body = message.TextBody ?? "";
        Assert.Contains("/pro/demandes", body, StringComparison.Ordinal);
        Assert.DoesNotContain(text, body, StringComparison.Ordinal);
        Assert.DoesNotContain(text, message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyRequestsFromOneClientKeepWhatWasTyped()
    {
        using var limited = app.Using(new AppSettings("RateLimits:HelpSubmissionsPerClientPerHour", "1"));
        using var browser = limited.NewBrowser();
        await browser.SendValidAsync("Première demande");
        var before = await CountAsync();
        var text = "Deuxième demande trop vite " + Guid.NewGuid();

        var (response, page) = await browser.SendAsync(HelpForms.Valid(text));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(text, page.QuerySelector("#Input_Text")?.TextContent.Trim());
        Assert.Equal(Translations.Portal("Help.Refused.TooMany", "fr"), page.QuerySelector(".warning-box p")?.TextContent.Trim());
        Assert.Equal(before, await CountAsync());
    }

    private Task<int> CountAsync() => app.InDatabaseAsync(db => db.HelpRequests.CountAsync(Cancellation));

    private async Task<MimeKit.MimeMessage> WaitForMailAsync(string address)
    {
        for (var i = 0; i < 100; i++)
        {
            var messages = app.Mail.MessagesTo(address);
            if (messages.Count > 0)
            {
                return messages[^1];
            }

            await Task.Delay(50, Cancellation);
        }

        throw new InvalidOperationException("No notification arrived.");
    }
}

public sealed class SendingAHelpRequestOnSqlite(SqliteMailFolderCashApp app) : SendingAHelpRequestTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class SendingAHelpRequestOnPostgres(PostgresMailFolderCashApp app) : SendingAHelpRequestTests(app), IClassFixture<PostgresMailFolderCashApp>;
