using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using OtpNet;

namespace Cash.Tests;

/// <summary>
/// A professional who forgot the password, and one who lost the phone, get back in without
/// anything getting weaker: "mot de passe oublié" answers the same for any address and its link
/// works once, for an hour, and still leads to the code step; a recovery invitation, issued by a
/// lead for their service or by an administrator, resets two-factor and ends the person's
/// sessions. Mail goes through a real SMTP server in this process.
/// </summary>
public abstract partial class RecoveringAnAccountTests(SmtpCashApp fixture)
{
    private const string Forgot = "/pro/connexion/oubli";
    private const string NewPassword = "une toute nouvelle phrase de passe";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly CashApp app = fixture.App;
    private readonly SmtpTestServer smtp = fixture.Smtp;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKnownAnUnknownAndADisabledAddressGetTheSamePageAndTheSameWork()
    {
        var known = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var disabled = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        await app.InDatabaseAsync(async db =>
        {
            (await db.Users.SingleAsync(p => p.Id == disabled.Id, Cancellation)).Disable(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Cancellation);
        });
        var unknown = $"nobody-{Guid.NewGuid():N}@example.be";
        var before = await app.InDatabaseAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.Sequence, Cancellation)) ?? 0;

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var address in new[] { known.Email, unknown, disabled.Email })
        {
            using var browser = app.NewBrowser();
            using var response = await browser.PostFormAsync(Forgot, Fields(("Input.Email", address)));
            answers.Add((response.StatusCode, WithoutAntiforgeryTokens(await response.Content.ReadAsStringAsync(Cancellation))));
        }

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(answers[0].Body, answers[1].Body);
        Assert.Equal(answers[0].Body, answers[2].Body);
        var page = await Visits.ParseAsync(answers[0].Body);
        Assert.Equal(Translations.ProSpace("Forgot.Sent.Title", "fr"), page.QuerySelector("h1")?.TextContent.Trim());
        Assert.DoesNotContain(known.Email, answers[0].Body, StringComparison.OrdinalIgnoreCase);

        // The same work behind: each request is looked up and audited in the background; only the active account gets a link.
        var mail = await smtp.WaitForMessageAsync(m => IsTo(m, known.Email), Patience);
        Assert.Contains("/pro/connexion/nouveau-mot-de-passe/", mail.TextBody, StringComparison.Ordinal);
        await WaitUntilAsync(() => AuditedAsync(AuditActions.PasswordResetRequest, AuditOutcome.Failure, disabled.Id));
        await WaitUntilAsync(() => app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(
            e => e.Sequence > before && e.Action == AuditActions.PasswordResetRequest && e.Outcome == AuditOutcome.Failure && e.EntityId == null, Cancellation)));
        Assert.True(await AuditedAsync(AuditActions.PasswordResetRequest, AuditOutcome.Success, known.Id));
        Assert.DoesNotContain(smtp.Messages, m => IsTo(m, unknown) || IsTo(m, disabled.Email));
        Assert.False(await app.InDatabaseAsync(db => db.RecoveryLinks.AnyAsync(l => l.ProfessionalId == disabled.Id, Cancellation)));
    }

    [Fact]
    public async Task TheAnswerDoesNotWaitForTheMailOfAKnownAddress()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var browser = app.NewBrowser();
        using (smtp.Hold())
        {
            // Were the mail sent while answering, this would wait for the server until the hold is released.
            using var response = await browser.PostFormAsync(Forgot, Fields(("Input.Email", person.Email))).WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(smtp.Messages, m => IsTo(m, person.Email));
        }

        await smtp.WaitForMessageAsync(m => IsTo(m, person.Email), Patience);
    }

    [Fact]
    public async Task AnInvalidAddressIsShownAgainWithItsErrorAndNothingIsSent()
    {
        using var browser = app.NewBrowser();
        using var response = await browser.PostFormAsync(Forgot, Fields(("Input.Email", "pas une adresse")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(["#Input_Email"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal(Translations.ProSpace("SignIn.EmailInvalid", "fr"), page.QuerySelector("#Input_Email-error")?.TextContent.Replace(Translations.Ui("Form.ErrorPrefix", "fr"), "", StringComparison.Ordinal).Trim());
        Assert.Equal("pas une adresse", page.QuerySelector("#Input_Email")?.GetAttribute("value"));
    }

    [Fact]
    public async Task TheSignInPageLeadsToTheForgottenPasswordForm()
    {
        var page = await app.GetPageAsync("/pro/connexion");

        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == Forgot);
    }

    [Fact]
    public async Task TheLinkSetsANewPasswordOnceEndsEverySessionAndStillAsksForTheCode()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var signedIn = await app.SignInAsync(person);
        var link = await AskForLinkAsync(person.Email);
        using var browser = app.NewBrowser();

        var form = await browser.GetPageAsync(link);
        Assert.Equal(Translations.ProSpace("Reset.Title", "fr"), form.QuerySelector("h1")?.TextContent.Trim());

        // The invitation's rules and conventions: a common password is refused with the error summary and its field.
        using var weak = await browser.PostFormAsync(link, Fields(("Input.NewPassword", "trop court"), ("Input.ConfirmPassword", "trop court")));
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        var refused = await weak.ReadPageAsync();
        Assert.Equal(["#Input_NewPassword"], refused.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(refused.QuerySelector("#Input_NewPassword-error"));
        Assert.StartsWith(Translations.Ui("Form.ErrorTitlePrefix", "fr"), refused.Title, StringComparison.Ordinal);

        using var changed = await browser.PostFormAsync(link, Fields(("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword)));
        ProfessionalSessions.AssertRedirect(changed, "/pro/connexion/code", "the new password");

        // The new password alone signs nobody in; the old session is over.
        AssertSentToSignIn(await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
        AssertSentToSignIn(await signedIn.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
        Assert.True(await app.InDatabaseAsync(db => db.UserSessions.Where(s => s.ProfessionalId == person.Id).AllAsync(s => s.EndedAt != null, Cancellation)));

        using var code = await PostCodeAsync(browser, person);
        ProfessionalSessions.AssertRedirect(code, "/pro", "the code after the new password");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation)).StatusCode);

        // Spent: the link shows the page that says so, and the old password is gone.
        using var again = await app.NewBrowser().GetAsync(new Uri(link, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(Translations.ProSpace("Reset.Invalid.Title", "fr"), (await again.ReadPageAsync()).QuerySelector("h1")?.TextContent.Trim());
        using var oldPassword = await app.NewBrowser().PostFormAsync("/pro/connexion", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.True(await AuditedAsync(AuditActions.PasswordReset, AuditOutcome.Success, person.Id));
    }

    [Fact]
    public async Task TheLinkExpiresAfterAnHour()
    {
        var clock = new AuditClock(DateTimeOffset.UtcNow);
        await using var timed = app.Using(new Clock(clock));
        var person = await timed.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var link = await AskForLinkAsync(person.Email, timed);

        clock.Advance(TimeSpan.FromMinutes(59));
        using (var browser = timed.NewBrowser())
        {
            await browser.GetPageAsync(link);
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = timed.NewBrowser();
        using var page = await expired.GetAsync(new Uri(link, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(Translations.ProSpace("Reset.Invalid.Title", "fr"), (await page.ReadPageAsync()).QuerySelector("h1")?.TextContent.Trim());
        using var posted = await expired.PostRawAsync(link, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await expired.AntiforgeryTokenAsync(Forgot),
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.True(await app.InDatabaseAsync(async db =>
            (await db.Users.AsNoTracking().SingleAsync(p => p.Id == person.Id, Cancellation)).PasswordHash is { } hash
            && new PasswordHasher<Professional>().VerifyHashedPassword(null!, hash, person.Password) != PasswordVerificationResult.Failed));
    }

    [Fact]
    public async Task ANewerLinkReplacesTheOlderOne()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var first = await AskForLinkAsync(person.Email);
        var second = await AskForLinkAsync(person.Email, after: first);

        using var browser = app.NewBrowser();
        using var old = await browser.GetAsync(new Uri(first, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        await browser.GetPageAsync(second);
    }

    [Fact]
    public async Task ALinkMovedToAnotherPersonInTheDatabaseOpensNothing()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var administrator = await app.CreateProfessionalAsync(ProRole.Administrator);
        var link = await AskForLinkAsync(person.Email);

        // Someone with an SQL console but not the master key points the link at the administrator, and gives it a day.
        await app.InDatabaseAsync(async db =>
        {
            var expires = await db.RecoveryLinks.Where(l => l.ProfessionalId == person.Id).Select(l => l.ExpiresAt).SingleAsync(Cancellation);
            return await db.RecoveryLinks.Where(l => l.ProfessionalId == person.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ProfessionalId, administrator.Id).SetProperty(l => l.ExpiresAt, expires.AddDays(1)), Cancellation);
        });

        using var response = await app.NewBrowser().GetAsync(new Uri(link, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnAddressGetsNoMoreLinksThanItsHourlyLimit()
    {
        await using var strict = app.Using(new AppSettings("RateLimits:PasswordResetsPerAddressPerHour", "1"));
        var person = await strict.CreateProfessionalAsync(ProRole.Member, "le-declic");
        await AskForLinkAsync(person.Email, strict);

        using var browser = strict.NewBrowser();
        using var second = await browser.PostFormAsync(Forgot, Fields(("Input.Email", person.Email)));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        await WaitUntilAsync(() => AuditedAsync(AuditActions.PasswordResetRequest, AuditOutcome.Denied, person.Id));
        Assert.Single(smtp.Messages, m => IsTo(m, person.Email));
    }

    [Fact]
    public async Task OneClientAskingTooOftenIsRefusedWithAFriendlyPageAndItsNeighbourNetworkIsNot()
    {
        await using var strict = app.Using(new AppSettings("RateLimits:PasswordResetRequestsPerClientPerHour", "2"));
        using var browser = strict.NewBrowser().From("2001:db8:5:1::10");
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Another address of the same /64 each time: still one client.
            browser.From($"2001:db8:5:1::{attempt + 10}");
            using var response = await browser.PostFormAsync(Forgot, Fields(("Input.Email", $"guess{attempt}@example.be")));
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal(Translations.Ui("Error.TooMany.Title", "fr"), (await response.ReadPageAsync()).QuerySelector("h1")?.TextContent.Trim());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        using var neighbour = strict.NewBrowser().From("2001:db8:5:2::10");
        using var allowed = await neighbour.PostFormAsync(Forgot, Fields(("Input.Email", "guess@example.be")));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task ARecoveryInvitationResetsTwoFactorEndsTheSessionsAndLetsThePersonEnrolAgain()
    {
        var member = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var otherLead = await app.CreateProfessionalAsync(ProRole.Lead, "le-declic");
        using var memberBrowser = await app.SignInAsync(member);
        var (lead, leadPerson) = await app.SignInAsAsync(ProRole.Lead, "le-declic");
        using var _ = lead;

        var details = await lead.GetPageAsync(PersonPage(member));
        Assert.NotNull(details.QuerySelector("#SecondFactor"));
        using var issued = await lead.PostFormAsync(PersonPage(member), new Dictionary<string, string?>(), "form[action*='handler=SecondFactor']");
        ProfessionalSessions.AssertRedirect(issued, PersonPage(member), "the recovery invitation");
        var done = await lead.GetPageAsync(issued.Headers.Location!.OriginalString);
        Assert.Equal(Translations.ProSpace("People.Details.NewDevice.Sent", "fr"), done.QuerySelector("main .notice")?.TextContent.Trim());

        // Reset: no second factor, no key, no recovery codes, no session.
        var stored = await app.InDatabaseAsync(async db => (
            TwoFactor: (await db.Users.AsNoTracking().SingleAsync(p => p.Id == member.Id, Cancellation)).TwoFactorEnabled,
            Tokens: await db.UserTokens.CountAsync(t => t.UserId == member.Id, Cancellation)));
        Assert.Equal((false, 0), stored);
        AssertSentToSignIn(await memberBrowser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
        Assert.True(await AuditedAsync(AuditActions.SecondFactorReset, AuditOutcome.Success, member.Id, actorId: leadPerson.Id));

        // Content-free mail: the link to the person, a notice to the service's other lead, nothing to the lead who acted.
        var mail = await smtp.WaitForMessageAsync(m => IsTo(m, member.Email), Patience);
        var link = LinkIn(mail, "/pro/nouvel-appareil/");
        var notice = await smtp.WaitForMessageAsync(m => IsTo(m, otherLead.Email), Patience);
        foreach (var message in new[] { mail, notice })
        {
            Assert.DoesNotContain(member.DisplayName, message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(member.Email, message.TextBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(leadPerson.DisplayName, message.TextBody, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(smtp.Messages, m => IsTo(m, leadPerson.Email));

        // The old phone no longer signs in: the account waits for its new enrolment.
        using var stranded = app.NewBrowser();
        using var password = await stranded.PostFormAsync("/pro/connexion", Fields(("Input.Email", member.Email), ("Input.Password", member.Password)));
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);

        // The link alone shows no key: the password comes first, in this very browser.
        using var browser = app.NewBrowser();
        var first = await browser.GetPageAsync(link);
        Assert.Null(first.QuerySelector("[data-shared-key]"));
        using var wrong = await browser.PostFormAsync(link, Fields(("Password.CurrentPassword", "pas le bon mot de passe")));
        Assert.Equal(["#Password_CurrentPassword"], (await wrong.ReadPageAsync()).QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.True(await AuditedAsync(AuditActions.SecondFactorRecover, AuditOutcome.Failure, member.Id));
        using var right = await browser.PostFormAsync(link, Fields(("Password.CurrentPassword", member.Password)));
        var keyShown = (await right.ReadPageAsync()).QuerySelector("[data-shared-key]")?.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.False(string.IsNullOrEmpty(keyShown));
        Assert.NotEqual(member.AuthenticatorKey, keyShown);

        using (var elsewhere = app.NewBrowser())
        {
            Assert.Null((await elsewhere.GetPageAsync(link)).QuerySelector("[data-shared-key]"));
        }

        var codes = await EnrolAsync(browser, link, keyShown);
        Assert.Equal(10, codes.QuerySelectorAll("[data-recovery-codes] li").Length);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation)).StatusCode);
        Assert.True(await app.InDatabaseAsync(async db => (await db.Users.AsNoTracking().SingleAsync(p => p.Id == member.Id, Cancellation)).TwoFactorEnabled));
        Assert.True(await AuditedAsync(AuditActions.SecondFactorRecover, AuditOutcome.Success, member.Id));

        using var spent = await app.NewBrowser().GetAsync(new Uri(link, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, spent.StatusCode);
    }

    [Fact]
    public async Task AMemberCannotIssueARecoveryInvitationAndALeadOnlyForTheirOwnService()
    {
        var colleague = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var stranger = await app.CreateProfessionalAsync(ProRole.Member, "la-passerelle");
        var coordinator = await app.CreateProfessionalAsync(ProRole.Coordinator, "le-declic");
        var (member, _) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        var (lead, leadPerson) = await app.SignInAsAsync(ProRole.Lead, "le-declic");
        var (administrator, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var a = member;
        using var b = lead;
        using var c = administrator;

        Assert.Equal(HttpStatusCode.Forbidden, (await IssueAsync(member, colleague.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await IssueAsync(lead, stranger.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await IssueAsync(lead, coordinator.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await IssueAsync(lead, leadPerson.Id)).StatusCode);
        Assert.Null((await lead.GetPageAsync($"/pro/admin/personnes/{leadPerson.Id}")).QuerySelector("#SecondFactor"));
        foreach (var untouched in new[] { colleague.Id, stranger.Id, coordinator.Id, leadPerson.Id })
        {
            Assert.True(await app.InDatabaseAsync(async db => (await db.Users.AsNoTracking().SingleAsync(p => p.Id == untouched, Cancellation)).TwoFactorEnabled));
        }

        ProfessionalSessions.AssertRedirect(await IssueAsync(lead, colleague.Id), $"/pro/admin/personnes/{colleague.Id}", "the lead, for their service");
        ProfessionalSessions.AssertRedirect(await IssueAsync(administrator, stranger.Id), $"/pro/admin/personnes/{stranger.Id}", "an administrator");
        Assert.False(await app.InDatabaseAsync(async db => (await db.Users.AsNoTracking().SingleAsync(p => p.Id == stranger.Id, Cancellation)).TwoFactorEnabled));
    }

    [Fact]
    public async Task IssuingARecoveryInvitationAsksForThePasswordAgainAfterTenMinutes()
    {
        var clock = new AuditClock(DateTimeOffset.UtcNow);
        await using var timed = app.Using(new Clock(clock));
        var colleague = await timed.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var leadPerson = await timed.CreateProfessionalAsync(ProRole.Lead, "le-declic");
        using var lead = await timed.SignInAsync(leadPerson);
        var token = await lead.AntiforgeryTokenAsync(PersonPage(colleague));

        // Twelve minutes on other pages: the session is open, the password confirmation is not recent.
        clock.Advance(TimeSpan.FromMinutes(6));
        using (var touch = await lead.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, touch.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(6));

        using var refused = await lead.PostRawAsync($"{PersonPage(colleague)}?handler=SecondFactor", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        ProfessionalSessions.AssertRedirect(refused, "/pro/confirmer", "the recovery invitation after ten minutes");
        Assert.True(await app.InDatabaseAsync(async db => (await db.Users.AsNoTracking().SingleAsync(p => p.Id == colleague.Id, Cancellation)).TwoFactorEnabled));
    }

    private static string PersonPage(TestProfessional person) => $"/pro/admin/personnes/{person.Id}";

    private static async Task<HttpResponseMessage> IssueAsync(HttpClient browser, Guid personId)
    {
        var token = await browser.AntiforgeryTokenAsync("/pro/compte");
        return await browser.PostRawAsync($"/pro/admin/personnes/{personId}?handler=SecondFactor", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
    }

    /// <summary>Asks for a link as the person would, and reads it from the e-mail that arrives (a newer one than <paramref name="after"/>).</summary>
    private async Task<string> AskForLinkAsync(string email, WebApplicationFactory<Program>? on = null, string? after = null)
    {
        using var browser = (on ?? app).NewBrowser();
        using var response = await browser.PostFormAsync(Forgot, Fields(("Input.Email", email)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = await smtp.WaitForMessageAsync(m => IsTo(m, email) && (after is null || !(m.TextBody ?? "").Contains(after, StringComparison.Ordinal)), Patience);
        return LinkIn(mail, "/pro/connexion/nouveau-mot-de-passe/");
    }

    private static string LinkIn(MimeMessage mail, string path)
    {
        var match = Regex.Match(mail.TextBody ?? "", "https://localhost(" + Regex.Escape(path) + "[A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"No link to {path} in the e-mail.");
        return match.Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, TestProfessional person)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await browser.PostFormAsync("/pro/connexion/code", Fields(("Input.Code", person.CurrentCode())));
            if (response.StatusCode != HttpStatusCode.OK || attempt > 0)
            {
                return response;
            }

            // This step's code was used when the person signed in above: wait for the next one, as a person would.
            response.Dispose();
            await WaitForNextCodeAsync();
        }
    }

    /// <summary>Types the new app's code; a code of the step in which the person last signed in is refused once, so the next one is awaited.</summary>
    private static async Task<IHtmlDocument> EnrolAsync(HttpClient browser, string link, string key)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await browser.PostFormAsync(link, Fields(("Authenticator.Code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp())));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadPageAsync();
            if (page.QuerySelector("[data-recovery-codes]") is not null || attempt > 0)
            {
                return page;
            }

            await WaitForNextCodeAsync();
        }
    }

    private static Task WaitForNextCodeAsync()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return Task.Delay(TimeSpan.FromMilliseconds(30_000 - (now % 30_000) + 200), Cancellation);
    }

    private Task<bool> AuditedAsync(string action, AuditOutcome outcome, Guid personId, Guid? actorId = null)
    {
        var id = personId.ToString();
        return app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(
            e => e.Action == action && e.Outcome == outcome && e.EntityType == nameof(Professional) && e.EntityId == id && (actorId == null || e.ActorId == actorId),
            Cancellation));
    }

    /// <summary>Waits for what the background queue does, as a person waits for an e-mail.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The background work did not happen in time.");
            await Task.Delay(50, Cancellation);
        }
    }

    private static string WithoutAntiforgeryTokens(string html) => AntiforgeryValue().Replace(html, "value=\"(token)\"");

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\"[^>]*)value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    private static bool IsTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/pro/connexion", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);
}

public sealed class RecoveringAnAccountOnSqlite(SqliteSmtpCashApp fixture) : RecoveringAnAccountTests(fixture), IClassFixture<SqliteSmtpCashApp>;

public sealed class RecoveringAnAccountOnPostgres(PostgresSmtpCashApp fixture) : RecoveringAnAccountTests(fixture), IClassFixture<PostgresSmtpCashApp>;
