using System.Globalization;
using System.Text.RegularExpressions;
using Cash.Web.Cli;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The steps of the professionals' space as a person takes them in the browser (invitation, sign-in,
/// sign-out), with an axe audit of every page reached, plus what a test prepares behind the scenes.
/// </summary>
internal static partial class ProJourney
{
    public const string Culture = "fr";

    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    /// <summary>An address nobody else in the run uses, in a domain that never receives mail.</summary>
    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@tests.cash.invalid";

    /// <summary>A long, uncommon password, as the invitation asks for.</summary>
    public static string NewPassword() => $"une phrase de passe {Guid.NewGuid():N}";

    /// <summary>A professionals' space text as the French pages show it, so tests follow wording changes.</summary>
    public static string Text(CashSite site, string key, params object[] arguments) => Text<ProSpace>(site, key, arguments);

    /// <summary>A text of the public help pages (orientation, request, follow-up) as the French pages show it.</summary>
    public static string PortalText(CashSite site, string key, params object[] arguments) => Text<Portal>(site, key, arguments);

    /// <summary>A text of the situations' pages (situations, people, referrals, journal) as the French pages show it.</summary>
    public static string SituationText(CashSite site, string key, params object[] arguments) => Text<SituationTexts>(site, key, arguments);

    /// <summary>A text of the password rules as the French pages show it.</summary>
    public static string PasswordText(CashSite site, string key, params object[] arguments) => Text<Passwords>(site, key, arguments);

    /// <summary>A text of one of the application's resource sets (<c>MeetingTexts</c>, <c>TaskTexts</c>…) as the French pages show it.</summary>
    public static string Text<TResource>(CashSite site, string key, params object[] arguments)
    {
        var localizer = site.Services.GetRequiredService<IStringLocalizer<TResource>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Culture);
        try
        {
            var text = localizer[key, arguments];
            Assert.False(text.ResourceNotFound, $"The text '{key}' is missing.");
            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>
    /// <c>users invite --email … --role …</c>, as an operator types it on a fresh install, then the
    /// invitation link as it arrives by e-mail.
    /// </summary>
    public static async Task<Uri> InviteFromCommandLineAsync(CashSite site, string email, ProRole role, string? serviceSlug = null)
    {
        string[] options = serviceSlug is null
            ? ["--email", email, "--role", role.ToString()]
            : ["--email", email, "--role", role.ToString(), "--service", serviceSlug];
        using (var scope = site.Services.CreateScope())
        {
            var exitCode = await UserCommands.InviteAsync(scope.ServiceProvider, options, CancellationToken.None);
            Assert.Equal(0, exitCode);
        }

        return await InvitationLinkAsync(site, email);
    }

    /// <summary>The link of the invitation e-mail sent to <paramref name="email"/>, which must lead to this site.</summary>
    public static async Task<Uri> InvitationLinkAsync(CashSite site, string email)
    {
        var message = await site.Mail.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == email), MailTimeout);
        var body = message.TextBody ?? throw new InvalidOperationException("The invitation e-mail has no text part.");
        var link = new Uri(InvitationLink().Match(body) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException("The invitation e-mail carries no invitation link."));
        Assert.True(site.IsOnSite(link.ToString()), $"The invitation link {link} does not lead to the site under test.");
        AssertContentFree(message);
        return link;
    }

    /// <summary>
    /// Opens the invitation link and goes through its three steps with a valid password and the
    /// authenticator's code; ends on the recovery codes, signed in.
    /// </summary>
    public static async Task<ProPerson> AcceptInvitationAsync(CashSite site, IPage page, Uri link, string email, bool audit = true)
    {
        var person = new ProPerson(email, "Camille " + Guid.NewGuid().ToString("N")[..6], NewPassword());
        await page.GotoAsync(link.ToString());
        await ExpectHeadingAsync(page, Text(site, "Invitation.Password.Title"));
        await AuditIfAsync(audit, page);
        await CompleteInvitationAsync(site, page, person, audit);
        return person;
    }

    /// <summary>From step 1 of the invitation, already open, to the recovery codes (step 3).</summary>
    public static async Task CompleteInvitationAsync(CashSite site, IPage page, ProPerson person, bool audit = true)
    {
        await SubmitPasswordStepAsync(site, page, person.DisplayName, person.Password, person.Password);
        await ExpectHeadingAsync(page, Text(site, "Invitation.Totp.Title"));
        await AuditIfAsync(audit, page);

        person.Authenticator = await ReadSharedKeyAsync(page);
        await page.GetByLabel(Text(site, "Invitation.Totp.Code"), new() { Exact = true }).FillAsync(await person.Authenticator.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = Text(site, "Invitation.Totp.Submit"), Exact = true }).ClickAsync();
        await ExpectHeadingAsync(page, Text(site, "Invitation.Codes.Title"));
        await Expect(page.Locator("[data-recovery-codes] li")).ToHaveCountAsync(10);
        await AuditIfAsync(audit, page);
        person.Id = await AccountIdAsync(site, person.Email);
    }

    public static async Task SubmitPasswordStepAsync(CashSite site, IPage page, string displayName, string password, string confirmation)
    {
        await page.GetByLabel(Text(site, "Invitation.DisplayName"), new() { Exact = true }).FillAsync(displayName);
        await page.GetByLabel(Text(site, "Invitation.Password"), new() { Exact = true }).FillAsync(password);
        await page.GetByLabel(Text(site, "Invitation.Confirm"), new() { Exact = true }).FillAsync(confirmation);
        await page.GetByRole(AriaRole.Button, new() { Name = Text(site, "Invitation.Continue"), Exact = true }).ClickAsync();
    }

    /// <summary>The key shown beside the QR code, as someone would type it into an authenticator app.</summary>
    public static async Task<ProAuthenticator> ReadSharedKeyAsync(IPage page)
    {
        var shown = await page.Locator("code[data-shared-key]").InnerTextAsync();
        return new ProAuthenticator(shown.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant());
    }

    /// <summary>From the recovery codes (end of the invitation) to the dashboard.</summary>
    public static async Task GoToDashboardFromRecoveryCodesAsync(CashSite site, IPage page, ProPerson person)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = Text(site, "Invitation.Codes.Done"), Exact = true }).ClickAsync();
        await ExpectDashboardAsync(site, page, person);
    }

    public static async Task ExpectDashboardAsync(CashSite site, IPage page, ProPerson person)
    {
        await Expect(page).ToHaveURLAsync(site.BaseAddress + "pro");
        await ExpectHeadingAsync(page, Text(site, "Home.Welcome", person.DisplayName));
    }

    /// <summary>The first step of signing in (address and password); ends on the code page.</summary>
    public static async Task SubmitPasswordAsync(CashSite site, IPage page, ProPerson person, bool audit = true)
    {
        if (!page.Url.StartsWith(site.BaseAddress + "pro/connexion", StringComparison.Ordinal))
        {
            await page.GotoAsync("/pro/connexion");
        }

        await ExpectHeadingAsync(page, Text(site, "SignIn.Title"));
        await AuditIfAsync(audit, page);
        await page.GetByLabel(Text(site, "SignIn.Email"), new() { Exact = true }).FillAsync(person.Email);
        await page.GetByLabel(Text(site, "SignIn.Password"), new() { Exact = true }).FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = Text(site, "SignIn.Submit"), Exact = true }).ClickAsync();
        await ExpectHeadingAsync(page, Text(site, "Code.Title"));
        await AuditIfAsync(audit, page);
    }

    /// <summary>Types a code on the code page and sends it.</summary>
    public static async Task SubmitCodeAsync(CashSite site, IPage page, string code)
    {
        await page.GetByLabel(Text(site, "Code.Label"), new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = Text(site, "Code.Submit"), Exact = true }).ClickAsync();
    }

    /// <summary>Password, then the authenticator's next code: ends on the dashboard.</summary>
    public static async Task SignInAsync(CashSite site, IPage page, ProPerson person, bool audit = true)
    {
        await SubmitPasswordAsync(site, page, person, audit);
        await SubmitCodeAsync(site, page, await person.Authenticator.NextCodeAsync());
        await ExpectDashboardAsync(site, page, person);
        await AuditIfAsync(audit, page);
    }

    /// <summary>The "sign out" button of the navigation; ends on the signed-out page.</summary>
    public static async Task SignOutAsync(CashSite site, IPage page, bool audit = true)
    {
        await SignOutButton(site, page).ClickAsync();
        await ExpectHeadingAsync(page, Text(site, "SignOut.Done"));
        await AuditIfAsync(audit, page);
    }

    public static ILocator SignOutButton(CashSite site, IPage page) =>
        page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = Text(site, "Nav.SignOut"), Exact = true });

    /// <summary>The error summary after a refused form: shown, focused, listing <paramref name="message"/>.</summary>
    public static async Task ExpectErrorSummaryAsync(IPage page, string message)
    {
        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync(message);
        await Expect(summary).ToBeFocusedAsync();
    }

    /// <summary>The GOV.UK pattern: after a refused form the page title starts with "Erreur :".</summary>
    public static Task ExpectErrorTitleAsync(CashSite site, IPage page) =>
        Expect(page).ToHaveTitleAsync(new Regex("^" + Regex.Escape(site.Text("Form.ErrorTitlePrefix", Culture))));

    public static Task ExpectHeadingAsync(IPage page, string text) =>
        Expect(page.Locator("main h1")).ToHaveTextAsync(text);

    /// <summary>
    /// A person with a password and two-factor on, made directly in the database as the invitation
    /// would leave them, for tests about signing in rather than about joining. No code is spent.
    /// </summary>
    public static async Task<ProPerson> CreateEnrolledAsync(CashSite site, ProRole role, string? serviceSlug = null)
    {
        using var scope = site.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CashDbContext>();
        var users = services.GetRequiredService<UserManager<Professional>>();
        var now = DateTimeOffset.UtcNow;
        var serviceId = serviceSlug is null ? null : await db.PartnerServices.Where(s => s.Slug == serviceSlug).Select(s => (int?)s.Id).SingleAsync();
        var person = new ProPerson(NewAddress(role.ToString().ToLowerInvariant()), "Dominique " + Guid.NewGuid().ToString("N")[..6], NewPassword());
        var account = new Professional(person.Email, person.DisplayName, role, serviceId) { CreatedAt = now, UpdatedAt = now };
        Check(await users.CreateAsync(account, person.Password));
        Check(await users.ResetAuthenticatorKeyAsync(account));
        Check(await users.SetTwoFactorEnabledAsync(account, true));
        person.Authenticator = new ProAuthenticator(await users.GetAuthenticatorKeyAsync(account) ?? throw new InvalidOperationException("No authenticator key."));
        person.Id = account.Id;
        return person;
    }

    /// <summary>The id of the account behind an address, for looking up what the audit trail says about it.</summary>
    public static async Task<Guid> AccountIdAsync(CashSite site, string email)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
        return (await users.FindByEmailAsync(email))?.Id ?? throw new InvalidOperationException("No account has this address.");
    }

    /// <summary>The audited actions about one account, oldest first.</summary>
    public static async Task<List<string>> AuditedActionsAsync(CashSite site, Guid accountId)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var id = accountId.ToString();
        return await db.AuditEntries.Where(e => e.ActorId == accountId || e.EntityId == id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    public static Task AuditIfAsync(bool audit, IPage page) => audit ? AxeAudit.AssertNoViolationsAsync(page) : Task.CompletedTask;

    // PRODUCT.md, principle 4: an e-mail says there is something and links to it, nothing more.
    private static void AssertContentFree(MimeMessage message)
    {
        var text = message.TextBody ?? "";
        var recipient = message.To.Mailboxes.Single().Address;
        Assert.DoesNotContain(recipient, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(recipient, message.Subject, StringComparison.OrdinalIgnoreCase);
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Code)));

    [GeneratedRegex(@"https?://\S+/pro/invitation/[A-Za-z0-9_\-%.~]+")]
    private static partial Regex InvitationLink();
}
