using System.Net;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using OtpNet;

namespace Cash.Tests;

/// <summary>
/// An invitation link outlives its use: it stays in the browser's history and in forwarded e-mails
/// for 72 hours. Once the invitee has chosen a password, the link alone — opened in another browser —
/// shows no authenticator secret, enrols nothing and signs nobody in; the browser that chose the
/// password carries on, and so does anyone who types that password again.
/// </summary>
public abstract class OpeningAnInvitationLinkElsewhereTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterThePasswordStepTheLinkInAnotherBrowserShowsNoSecretAndSignsNobodyIn()
    {
        var (invitation, link) = await InviteAsync();
        using var invitee = app.NewBrowser();
        var secret = await ChoosePasswordAsync(invitee, link);
        using var other = app.NewBrowser();

        var opened = await other.GetPageAsync(link);
        AssertNoSecret(opened, secret);
        Assert.Equal(Translations.ProSpace("Invitation.Resume.Title", "fr"), opened.QuerySelector("h1")?.TextContent);

        // The password form sent again, and the code form sent without ever being shown.
        using var passwordAgain = await PostAsync(other, link, "Password", opened,
            ("Password.DisplayName", "Quelqu’un d’autre"), ("Password.NewPassword", "une autre phrase de passe"), ("Password.ConfirmPassword", "pas la même"));
        var passwordAgainPage = await passwordAgain.ReadPageAsync();
        AssertNoSecret(passwordAgainPage, secret);
        Assert.Null(passwordAgainPage.QuerySelector(".error-summary"));
        Assert.NotNull(passwordAgainPage.QuerySelector("input[name='Resume.Password']"));
        using var enrolment = await PostAsync(other, link, "Authenticator", opened, ("Authenticator.Code", CodeFor(secret)));

        Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
        var refused = await enrolment.ReadPageAsync();
        AssertNoSecret(refused, secret);
        Assert.Empty(refused.QuerySelectorAll("[data-recovery-codes] li"));
        Assert.DoesNotContain(enrolment.Header("Set-Cookie"), c => c.StartsWith("__Host-cash-session", StringComparison.Ordinal));
        using (var home = await other.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation))
        {
            ProfessionalSessions.AssertRedirect(home, "/pro/connexion", "the other browser's /pro");
        }

        var account = await AccountAsync(invitation.Email);
        Assert.False(account.TwoFactorEnabled);
        Assert.Equal("Camille Invitée", account.DisplayName);
        Assert.Null((await InvitationAsync(invitation.Id)).AcceptedAt);
        Assert.False(await app.InDatabaseAsync(db => db.UserSessions.AnyAsync(s => s.ProfessionalId == account.Id, Cancellation)));
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.CountAsync(
            e => e.Action == AuditActions.InvitationAccept && e.Outcome == AuditOutcome.Denied && e.EntityId == invitation.Id.ToString(), Cancellation)) >= 3);

        // The browser that chose the password still finishes, with the same code the other was refused.
        using var finished = await PostAsync(invitee, link, "Authenticator", await invitee.GetPageAsync(link), ("Authenticator.Code", CodeFor(secret)));
        Assert.Equal(10, (await finished.ReadPageAsync()).QuerySelectorAll("[data-recovery-codes] li").Length);
        Assert.True((await AccountAsync(invitation.Email)).TwoFactorEnabled);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation)).StatusCode);
    }

    [Fact]
    public async Task ThePasswordTypedAgainLetsTheInviteeCarryOnInAnotherBrowser()
    {
        var (invitation, link) = await InviteAsync();
        using (var first = app.NewBrowser())
        {
            await ChoosePasswordAsync(first, link);
        }

        using var second = app.NewBrowser();
        var resume = await second.GetPageAsync(link);
        using var wrong = await PostAsync(second, link, "Resume", resume, ("Resume.Password", "pas le bon mot de passe"));
        var wrongPage = await wrong.ReadPageAsync();
        Assert.Null(wrongPage.QuerySelector("[data-shared-key]"));
        Assert.Equal("#Resume_Password", wrongPage.QuerySelector(".error-summary a")?.GetAttribute("href"));
        Assert.True(await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(
            e => e.Action == AuditActions.InvitationAccept && e.Outcome == AuditOutcome.Failure && e.EntityId == invitation.Id.ToString(), Cancellation)));

        using var right = await PostAsync(second, link, "Resume", wrongPage, ("Resume.Password", Password));
        var secret = SecretOn(await right.ReadPageAsync());
        using var finished = await PostAsync(second, link, "Authenticator", await right.ReadPageAsync(), ("Authenticator.Code", CodeFor(secret)));

        Assert.Equal(10, (await finished.ReadPageAsync()).QuerySelectorAll("[data-recovery-codes] li").Length);
        Assert.True((await AccountAsync(invitation.Email)).TwoFactorEnabled);
    }

    [Fact]
    public async Task TheBrowserThatChoseThePasswordIsRememberedTwentyMinutesOnTheAppsClock()
    {
        var clock = new AuditClock(DateTimeOffset.UtcNow);
        await using var timed = app.Using(new Clock(clock));
        var (_, link) = await InviteAsync();
        using var invitee = timed.NewBrowser();
        var secret = await ChoosePasswordAsync(invitee, link);

        clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(secret, SecretOn(await invitee.GetPageAsync(link)));
        clock.Advance(TimeSpan.FromMinutes(2));

        AssertNoSecret(await invitee.GetPageAsync(link), secret);
    }

    [Fact]
    public async Task TheBrowsersMarkIsAHardenedCookieForTheInvitationPagesOnly()
    {
        var (_, link) = await InviteAsync();
        using var invitee = app.NewBrowser();

        using var response = await invitee.PostFormAsync(link, PasswordFields());

        var cookie = SetCookieHeaderValue.Parse(Assert.Single(response.Header("Set-Cookie"), c => c.StartsWith("cash-invitation=", StringComparison.Ordinal)));
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/pro/invitation", cookie.Path.Value);
        Assert.Equal(TimeSpan.FromMinutes(20), cookie.MaxAge);
    }

    private const string Password = "une longue phrase de passe bien à moi";

    private static Dictionary<string, string?> PasswordFields() => new()
    {
        ["Password.DisplayName"] = "Camille Invitée",
        ["Password.NewPassword"] = Password,
        ["Password.ConfirmPassword"] = Password,
    };

    /// <summary>Step 1 in <paramref name="browser"/>: the page that answers shows the authenticator's secret.</summary>
    private static async Task<string> ChoosePasswordAsync(HttpClient browser, string link)
    {
        using var response = await browser.PostFormAsync(link, PasswordFields());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SecretOn(await response.ReadPageAsync());
    }

    private static string SecretOn(IHtmlDocument page) =>
        (page.QuerySelector("code[data-shared-key]")?.TextContent ?? throw new InvalidOperationException("No secret on the page: " + page.QuerySelector("h1")?.TextContent))
            .Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    private static void AssertNoSecret(IHtmlDocument page, string secret)
    {
        Assert.Null(page.QuerySelector("[data-shared-key]"));
        Assert.Null(page.QuerySelector("img.qr-code"));
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain(secret, html.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("otpauth", html, StringComparison.Ordinal);
    }

    private static string CodeFor(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp();

    /// <summary>Posts to one of the page's handlers with the antiforgery token of <paramref name="page"/>, whatever form it shows.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string link, string handler, IHtmlDocument page, params (string Name, string Value)[] fields)
    {
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? throw new InvalidOperationException("No antiforgery token.");
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)));
        var response = await browser.PostAsync(new Uri($"{link}?handler={handler}", UriKind.Relative), content, Cancellation);
        await response.Content.LoadIntoBufferAsync(Cancellation);
        return response;
    }

    private async Task<(Invitation Invitation, string Link)> InviteAsync()
    {
        var (invitation, token) = app.Services.GetRequiredService<Cash.Web.People.InvitationTokens>().Create($"invitee-{Guid.NewGuid():N}@example.be", ProRole.Member, await ServiceIdAsync("le-declic"), null, DateTimeOffset.UtcNow);
        await app.InDatabaseAsync(async db =>
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync(Cancellation);
        });
        return (invitation, $"/pro/invitation/{token}");
    }

    private Task<Invitation> InvitationAsync(Guid id) =>
        app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == id, Cancellation));

    private Task<Professional> AccountAsync(string email) =>
        app.InDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(p => p.Email == email, Cancellation));

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));
}

public sealed class OpeningAnInvitationLinkElsewhereOnSqlite(SqliteCashApp app) : OpeningAnInvitationLinkElsewhereTests(app), IClassFixture<SqliteCashApp>;

public sealed class OpeningAnInvitationLinkElsewhereOnPostgres(PostgresCashApp app) : OpeningAnInvitationLinkElsewhereTests(app), IClassFixture<PostgresCashApp>;
