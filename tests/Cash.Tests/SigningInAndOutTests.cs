using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Signing in with a password and an authenticator code, and the sessions that follow (ASVS 2.8,
/// 3.x, 4.2.2): cookie attributes, sign-out that ends the session on the server, a disabled
/// person shut out on the next request, timeouts, replayed codes, lockout and forged posts.
/// </summary>
public abstract class SigningInAndOutTests(CashApp app)
{
    private const string SessionCookie = "__Host-cash-session";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSessionCookieIsHostOnlySecureHttpOnlyStrictAndEndsWithTheBrowser()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var browser = app.NewBrowser();
        using var password = await browser.PostFormAsync("/pro/connexion", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        using var code = await browser.PostFormAsync("/pro/connexion/code", Fields(("Input.Code", person.CurrentCode())));

        var cookie = Assert.Single(code.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal) || a.StartsWith("max-age", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACopyOfTheCookieIsUselessOnceSignedOut()
    {
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using var _ = browser;
        var copy = await CopyOfSessionCookieAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(copy, "/pro")).StatusCode);

        using var signedOut = await browser.PostFormAsync("/pro/deconnexion", Fields());
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);

        AssertSentToSignIn(await WithCookieAsync(copy, "/pro"));
    }

    [Fact]
    public async Task ADisabledPersonIsShutOutOnTheirNextRequest()
    {
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using var _ = browser;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation)).StatusCode);

        await app.InDatabaseAsync(async db =>
        {
            var found = await db.Users.SingleAsync(p => p.Id == person.Id, Cancellation);
            found.Disable(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Cancellation);
        });

        AssertSentToSignIn(await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
    }

    [Fact]
    public async Task ADisabledPersonCannotSignInAndTheAnswerDoesNotSayWhy()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        await app.InDatabaseAsync(async db =>
        {
            (await db.Users.SingleAsync(p => p.Id == person.Id, Cancellation)).Disable(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Cancellation);
        });
        using var browser = app.NewBrowser();

        using var disabled = await browser.PostFormAsync("/pro/connexion", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        using var unknown = await browser.PostFormAsync("/pro/connexion", Fields(("Input.Email", "nobody-here@example.be"), ("Input.Password", person.Password)));

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(ErrorOf(await disabled.ReadPageAsync()), ErrorOf(await unknown.ReadPageAsync()));
        Assert.Equal(person.Email, (await disabled.ReadPageAsync()).QuerySelector("#Input_Email")?.GetAttribute("value"));
    }

    [Fact]
    public async Task AnIdleSessionEndsAfterThirtyMinutes()
    {
        var clock = new AuditClock(DateTimeOffset.UtcNow);
        await using var timed = app.Using(new Clock(clock));
        var person = await timed.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var browser = await timed.SignInAsync(person);
        var copy = await CopyOfSessionCookieAsync(browser);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(copy, "/pro", timed)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(31));

        AssertSentToSignIn(await WithCookieAsync(copy, "/pro", timed));
    }

    [Fact]
    public async Task ABusySessionStillEndsAfterTwelveHours()
    {
        var clock = new AuditClock(DateTimeOffset.UtcNow);
        await using var timed = app.Using(new Clock(clock));
        var person = await timed.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var browser = await timed.SignInAsync(person);

        // A request every 24 minutes for 11 h 36 min: never idle for 30 minutes.
        for (var step = 1; step <= 29; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(24));
            using var response = await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"after {step * 24} minutes: {(int)response.StatusCode} {response.Headers.Location}");
        }

        clock.Advance(TimeSpan.FromMinutes(24));
        AssertSentToSignIn(await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
    }

    [Fact]
    public async Task AnAuthenticatorCodeWorksOnceAndItsReplayIsRefusedAndAudited()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var first = app.NewBrowser();
        using var password = await first.PostFormAsync("/pro/connexion", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        var code = person.CurrentCode();
        using var accepted = await first.PostFormAsync("/pro/connexion/code", Fields(("Input.Code", code)));
        ProfessionalSessions.AssertRedirect(accepted, "/pro", "the first use of the code");

        using var second = app.NewBrowser();
        using var again = await second.PostFormAsync("/pro/connexion", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        using var replayed = await second.PostFormAsync("/pro/connexion/code", Fields(("Input.Code", code)));

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.NotNull((await replayed.ReadPageAsync()).QuerySelector(".error-summary a[href='#Input_Code']"));
        var audited = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .AnyAsync(e => e.Action == AuditActions.TotpCodeReused && e.EntityId == person.Id.ToString() && e.Outcome == AuditOutcome.Denied, Cancellation));
        Assert.True(audited, "the replayed code is in the audit log");
    }

    [Fact]
    public async Task FiveWrongCodesLockTheAccountForFifteenMinutes()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var browser = app.NewBrowser();
        using var password = await browser.PostFormAsync("/pro/connexion", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        var wrong = person.CurrentCode() == "000000" ? "111111" : "000000";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var refused = await browser.PostFormAsync("/pro/connexion/code", Fields(("Input.Code", wrong)));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var lockoutEnd = await app.InDatabaseAsync(db => db.Users.AsNoTracking().Where(p => p.Id == person.Id).Select(p => p.LockoutEnd).SingleAsync(Cancellation));
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));

        using var signIn = await app.NewBrowser().PostFormAsync("/pro/connexion", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("15", ErrorOf(await signIn.ReadPageAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using var _ = browser;

        using var forged = await browser.PostRawAsync("/pro/compte?handler=SignOutEverywhere", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation)).StatusCode);

        using var genuine = await browser.PostFormAsync("/pro/compte", Fields(), "form[action*='SignOutEverywhere']");
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        AssertSentToSignIn(await browser.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
    }

    [Fact]
    public async Task AChangedPasswordEndsEveryOtherSessionAndKeepsThisOne()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var here = await app.SignInAsync(person);
        using var elsewhere = await SignInWithRecoveryCodeAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation)).StatusCode);

        using var changed = await here.PostFormAsync("/pro/compte", Fields(
            ("Input.CurrentPassword", person.Password), ("Input.NewPassword", "une toute nouvelle phrase"), ("Input.ConfirmPassword", "une toute nouvelle phrase")),
            "form[action*='Password']");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotNull((await changed.ReadPageAsync()).QuerySelector(".notice"));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation)).StatusCode);
        AssertSentToSignIn(await elsewhere.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
    }

    [Fact]
    public async Task AWeakNewPasswordIsRefusedWithAClearMessageAndNothingChanges()
    {
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using var _ = browser;

        using var refused = await browser.PostFormAsync("/pro/compte", Fields(
            ("Input.CurrentPassword", person.Password), ("Input.NewPassword", "azertyuiop12"), ("Input.ConfirmPassword", "azertyuiop12")),
            "form[action*='Password']");

        var page = await refused.ReadPageAsync();
        Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_NewPassword']"));
        Assert.NotNull(page.QuerySelector("#Input_NewPassword[aria-invalid='true']"));
        var stillWorks = await app.InDatabaseAsync(async db =>
        {
            var users = app.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<Professional>>();
            return await users.CheckPasswordAsync((await users.FindByIdAsync(person.Id.ToString()))!, person.Password);
        });
        Assert.True(stillWorks);
    }

    [Fact]
    public async Task SignOutEverywhereEndsEverySessionOfThePerson()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var here = await app.SignInAsync(person);
        using var elsewhere = await SignInWithRecoveryCodeAsync(person);

        using var ended = await here.PostFormAsync("/pro/compte", Fields(), "form[action*='SignOutEverywhere']");

        AssertSentToSignIn(await here.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
        AssertSentToSignIn(await elsewhere.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation));
    }

    [Fact]
    public async Task AReturnAddressOutsideTheProfessionalsSpaceIsIgnored()
    {
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        using var browser = app.NewBrowser();
        using var password = await browser.PostFormAsync("/pro/connexion?retour=https%3A%2F%2Fevil.example%2F", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        using var code = await browser.PostFormAsync("/pro/connexion/code?retour=https%3A%2F%2Fevil.example%2F", Fields(("Input.Code", person.CurrentCode())));

        ProfessionalSessions.AssertRedirect(code, "/pro", "the sign-in with a foreign return address");
    }

    [Fact]
    public async Task OneClientGuessingTooFastIsSlowedDownWithAFriendlyPage()
    {
        await using var strict = app.Using(new AppSettings("RateLimits:SignInAttemptsPerWindow", "3"));
        using var browser = strict.NewBrowser();
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await browser.PostFormAsync("/pro/connexion", Fields(("Input.Email", $"guess{attempt}@example.be"), ("Input.Password", "wrong password here")));
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                var page = await response.ReadPageAsync();
                Assert.Equal(Translations.Ui("Error.TooMany.Title", "fr"), page.QuerySelector("h1")?.TextContent.Trim());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    private async Task<HttpClient> SignInWithRecoveryCodeAsync(TestProfessional person)
    {
        string code;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(person.Id.ToString()))!, 10))!.First();
        }

        var browser = app.NewBrowser();
        using var password = await browser.PostFormAsync("/pro/connexion", Fields(("Input.Email", person.Email), ("Input.Password", person.Password)));
        using var recovery = await browser.PostFormAsync("/pro/connexion/recuperation", Fields(("Input.Code", code)));
        ProfessionalSessions.AssertRedirect(recovery, "/pro", "the recovery code");
        return browser;
    }

    private static async Task<string> CopyOfSessionCookieAsync(HttpClient browser)
    {
        // The cookie as a thief would copy it: read back from what the browser sends.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/pro", UriKind.Relative));
        using var response = await browser.SendAsync(request, Cancellation);
        var sent = request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
        var cookie = sent.Split(';', StringSplitOptions.TrimEntries).SingleOrDefault(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(cookie), "the browser holds a session cookie");
        return cookie;
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path, WebApplicationFactory<Program>? on = null)
    {
        using var thief = (on ?? app).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = ProfessionalSessions.SecureAddress });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await thief.SendAsync(request, Cancellation);
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/pro/connexion", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    private static string ErrorOf(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector(".error-summary li")?.TextContent.Trim() ?? "(no error summary)";

    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);
}

public sealed class SigningInAndOutOnSqlite(SqliteCashApp app) : SigningInAndOutTests(app), IClassFixture<SqliteCashApp>;

public sealed class SigningInAndOutOnPostgres(PostgresCashApp app) : SigningInAndOutTests(app), IClassFixture<PostgresCashApp>;
