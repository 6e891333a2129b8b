using System.Text.RegularExpressions;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Security.Passwords;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// A professional who forgot the password: the link on the sign-in page, the address, the e-mail,
/// a new password, then the code of the authenticator app as always; the link does not open twice.
/// Every page on the way, error states included, passes axe.
/// </summary>
public sealed partial class RecoveringAForgottenPasswordTests(CashSite site)
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AProfessionalWhoForgotThePasswordChoosesANewOneAndStillTypesTheCode()
    {
        var person = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        await using var session = await site.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/pro/connexion");
        await page.GetByRole(AriaRole.Link, new() { Name = Text("SignIn.Forgot"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("Forgot.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = Text("Forgot.Submit"), Exact = true }).ClickAsync();
        await ProJourney.ExpectErrorSummaryAsync(page, Text("SignIn.EmailRequired"));
        await ProJourney.ExpectErrorTitleAsync(site, page);
        await AxeAudit.AssertNoViolationsAsync(page);

        await page.GetByLabel(Text("SignIn.Email"), new() { Exact = true }).FillAsync(person.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Forgot.Submit"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("Forgot.Sent.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);

        var message = await site.Mail.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == person.Email), MailTimeout);
        var text = message.TextBody ?? "";
        Assert.DoesNotContain(person.Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.DisplayName, text, StringComparison.Ordinal);
        var link = ResetLink().Match(text) is { Success: true } match ? match.Value : throw new InvalidOperationException("The e-mail carries no link.");
        Assert.True(site.IsOnSite(link), $"The link {link} does not lead to the site under test.");

        await page.GotoAsync(link);
        await ProJourney.ExpectHeadingAsync(page, Text("Reset.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);

        await FillNewPasswordAsync(page, "trop court");
        await ProJourney.ExpectErrorSummaryAsync(page, ProJourney.PasswordText(site, "Identity.PasswordTooShort", PasswordPolicy.MinimumLength));
        await Expect(page.Locator("#Input_NewPassword")).ToHaveAttributeAsync("aria-invalid", "true");
        await AxeAudit.AssertNoViolationsAsync(page);

        // The new password leads to the code, never straight in.
        var renewed = new ProPerson(person.Email, person.DisplayName, ProJourney.NewPassword()) { Id = person.Id, Authenticator = person.Authenticator };
        await FillNewPasswordAsync(page, renewed.Password);
        await ProJourney.ExpectHeadingAsync(page, Text("Code.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);
        await ProJourney.SubmitCodeAsync(site, page, await renewed.Authenticator.NextCodeAsync());
        await ProJourney.ExpectDashboardAsync(site, page, renewed);

        await using var again = await site.OpenAsync();
        Assert.Equal(404, await again.GoToAsync(link));
        await ProJourney.ExpectHeadingAsync(again.Page, Text("Reset.Invalid.Title"));
        await AxeAudit.AssertNoViolationsAsync(again.Page);

        var audited = await ProJourney.AuditedActionsAsync(site, person.Id);
        Assert.Equal(
            [AuditActions.PasswordResetRequest, AuditActions.PasswordReset, AuditActions.SignIn, AuditActions.SignInSecondFactor],
            audited);
    }

    private async Task FillNewPasswordAsync(IPage page, string password)
    {
        await page.GetByLabel(Text("Account.Password.New"), new() { Exact = true }).FillAsync(password);
        await page.GetByLabel(Text("Account.Password.Confirm"), new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Reset.Submit"), Exact = true }).ClickAsync();
    }

    private string Text(string key, params object[] arguments) => ProJourney.Text(site, key, arguments);

    [GeneratedRegex(@"https?://\S+/pro/connexion/nouveau-mot-de-passe/[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLink();
}
