using System.Text.RegularExpressions;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Security.Passwords;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The way in (issue 3): the invitation e-mail, a password, the authenticator app, the recovery
/// codes, then signing out and in again; every page on the way, error states included, passes axe.
/// </summary>
public sealed class JoiningTheProfessionalsSpaceTests(CashSite site)
{
    [Fact]
    public async Task InvitedAdministratorEnrolsTwoFactorThenSignsOutAndBackInWithAFreshCode()
    {
        var email = ProJourney.NewAddress("admin");
        var link = await ProJourney.InviteFromCommandLineAsync(site, email, ProRole.Administrator);
        var person = new ProPerson(email, "Camille Lefebvre", ProJourney.NewPassword());
        await using var session = await site.OpenAsync();
        var page = session.Page;

        await page.GotoAsync(link.ToString());
        await ProJourney.ExpectHeadingAsync(page, Text("Invitation.Password.Title"));
        await Expect(page.Locator("main")).ToContainTextAsync(email);
        await AxeAudit.AssertNoViolationsAsync(page);

        // A password that is too short: the error summary, and the name typed is still there.
        await ProJourney.SubmitPasswordStepAsync(site, page, person.DisplayName, "trop court", "trop court");
        await ProJourney.ExpectErrorSummaryAsync(page, ProJourney.PasswordText(site, "Identity.PasswordTooShort", PasswordPolicy.MinimumLength));
        await Expect(page.Locator(".error-summary a[href='#Password_NewPassword']")).ToBeVisibleAsync();
        await Expect(page.Locator("#Password_NewPassword")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel(Text("Invitation.DisplayName"), new() { Exact = true })).ToHaveValueAsync(person.DisplayName);
        await AxeAudit.AssertNoViolationsAsync(page);

        await ProJourney.CompleteInvitationAsync(site, page, person);
        await ProJourney.GoToDashboardFromRecoveryCodesAsync(site, page, person);
        await AxeAudit.AssertNoViolationsAsync(page);

        await ProJourney.SignOutAsync(site, page);
        await Expect(ProJourney.SignOutButton(site, page)).ToHaveCountAsync(0);

        await page.GotoAsync("/pro");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(site.BaseAddress + "pro/connexion?retour=%2Fpro") + "$"));

        await ProJourney.SignInAsync(site, page, person);

        var audited = await ProJourney.AuditedActionsAsync(site, person.Id);
        Assert.Equal(
            [AuditActions.InvitationAccept, AuditActions.TwoFactorEnrol, AuditActions.SignOut, AuditActions.SignIn, AuditActions.SignInSecondFactor],
            audited);
    }

    [Fact]
    public async Task UsedInvitationLinkNoLongerOpens()
    {
        var email = ProJourney.NewAddress("member");
        var link = await ProJourney.InviteFromCommandLineAsync(site, email, ProRole.Member, "le-declic");
        await using (var first = await site.OpenAsync())
        {
            await ProJourney.AcceptInvitationAsync(site, first.Page, link, email, audit: false);
        }

        await using var second = await site.OpenAsync();
        var status = await second.GoToAsync(link.ToString());

        Assert.Equal(404, status);
        await ProJourney.ExpectHeadingAsync(second.Page, Text("Invitation.Invalid.Title"));
        await AxeAudit.AssertNoViolationsAsync(second.Page);
    }

    [Fact]
    public async Task TheLinkOpenedInAnotherBrowserAfterThePasswordShowsNoKeyUntilThePasswordIsTypedAgain()
    {
        var email = ProJourney.NewAddress("member");
        var link = await ProJourney.InviteFromCommandLineAsync(site, email, ProRole.Member, "le-declic");
        var person = new ProPerson(email, "Sacha Martin", ProJourney.NewPassword());
        await using (var first = await site.OpenAsync())
        {
            await first.Page.GotoAsync(link.ToString());
            await ProJourney.SubmitPasswordStepAsync(site, first.Page, person.DisplayName, person.Password, person.Password);
            await ProJourney.ExpectHeadingAsync(first.Page, Text("Invitation.Totp.Title"));
        }

        // Another browser, as with the link from the e-mail on another computer: the key is not there.
        await using var second = await site.OpenAsync();
        var page = second.Page;
        await page.GotoAsync(link.ToString());
        await ProJourney.ExpectHeadingAsync(page, Text("Invitation.Resume.Title"));
        await Expect(page.Locator("code[data-shared-key]")).ToHaveCountAsync(0);
        await AxeAudit.AssertNoViolationsAsync(page);

        await page.GetByLabel(Text("Invitation.Resume.Password"), new() { Exact = true }).FillAsync("pas le bon mot de passe");
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Invitation.Continue"), Exact = true }).ClickAsync();
        await ProJourney.ExpectErrorSummaryAsync(page, Text("Confirm.Failed"));
        await Expect(page.Locator("code[data-shared-key]")).ToHaveCountAsync(0);
        await AxeAudit.AssertNoViolationsAsync(page);

        await page.GetByLabel(Text("Invitation.Resume.Password"), new() { Exact = true }).FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Invitation.Continue"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("Invitation.Totp.Title"));
        person.Authenticator = await ProJourney.ReadSharedKeyAsync(page);
        await page.GetByLabel(Text("Invitation.Totp.Code"), new() { Exact = true }).FillAsync(await person.Authenticator.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Invitation.Totp.Submit"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("Invitation.Codes.Title"));
        person.Id = await ProJourney.AccountIdAsync(site, email);
        await ProJourney.GoToDashboardFromRecoveryCodesAsync(site, page, person);
    }

    private string Text(string key, params object[] arguments) => ProJourney.Text(site, key, arguments);
}
