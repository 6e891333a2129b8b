using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The second factor holds (issue 3): a code works once, five wrong codes lock the account for
/// 15 minutes whatever comes next, and a refused code says so as the GOV.UK pattern asks.
/// </summary>
public sealed class SigningInWithTwoFactorTests(CashSite site)
{
    [Fact]
    public async Task CodeThatAlreadySignedInIsRefusedTheNextCodeWorks()
    {
        var email = ProJourney.NewAddress("member");
        var link = await ProJourney.InviteFromCommandLineAsync(site, email, ProRole.Member, "le-declic");
        await using var session = await site.OpenAsync();
        var page = session.Page;
        var person = await ProJourney.AcceptInvitationAsync(site, page, link, email);
        await ProJourney.GoToDashboardFromRecoveryCodesAsync(site, page, person);

        await ProJourney.SignOutAsync(site, page);
        await ProJourney.SignInAsync(site, page, person);
        var used = person.Authenticator.LastCode!;
        await ProJourney.SignOutAsync(site, page);

        await ProJourney.SubmitPasswordAsync(site, page, person);
        await ProJourney.SubmitCodeAsync(site, page, used);
        await ProJourney.ExpectErrorSummaryAsync(page, Text("Code.Invalid"));
        await ProJourney.ExpectHeadingAsync(page, Text("Code.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);

        await ProJourney.SubmitCodeAsync(site, page, await person.Authenticator.NextCodeAsync());
        await ProJourney.ExpectDashboardAsync(site, page, person);
        Assert.Contains(AuditActions.TotpCodeReused, await ProJourney.AuditedActionsAsync(site, person.Id));
    }

    [Fact]
    public async Task FiveWrongCodesLockTheAccountAndThenEvenTheRightCodeIsRefused()
    {
        var person = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await ProJourney.SubmitPasswordAsync(site, page, person);

        for (var attempt = 1; attempt < 5; attempt++)
        {
            await ProJourney.SubmitCodeAsync(site, page, person.Authenticator.WrongCode());
            await ProJourney.ExpectErrorSummaryAsync(page, Text("Code.Invalid"));
        }

        await AxeAudit.AssertNoViolationsAsync(page);
        await ProJourney.SubmitCodeAsync(site, page, person.Authenticator.WrongCode());
        await ProJourney.ExpectErrorSummaryAsync(page, Text("SignIn.LockedOut"));
        await AxeAudit.AssertNoViolationsAsync(page);

        await ProJourney.SubmitCodeAsync(site, page, await person.Authenticator.NextCodeAsync());
        await ProJourney.ExpectErrorSummaryAsync(page, Text("SignIn.LockedOut"));
        await ProJourney.ExpectHeadingAsync(page, Text("Code.Title"));

        // Starting over with the right password does not get round the lock either.
        await page.GotoAsync("/pro/connexion");
        await page.GetByLabel(Text("SignIn.Email"), new() { Exact = true }).FillAsync(person.Email);
        await page.GetByLabel(Text("SignIn.Password"), new() { Exact = true }).FillAsync(person.Password);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = Text("SignIn.Submit"), Exact = true }).ClickAsync();
        await ProJourney.ExpectErrorSummaryAsync(page, Text("SignIn.LockedOut"));
        await ProJourney.ExpectHeadingAsync(page, Text("SignIn.Title"));
        await Expect(page.GetByLabel(Text("SignIn.Email"), new() { Exact = true })).ToHaveValueAsync(person.Email);
        await AxeAudit.AssertNoViolationsAsync(page);

        Assert.Contains(AuditActions.LockedOut, await ProJourney.AuditedActionsAsync(site, person.Id));
    }

    [Fact]
    public async Task RefusedCodeKeepsThePersonOnTheCodePageWithAnErrorTitle()
    {
        var person = await ProJourney.CreateEnrolledAsync(site, ProRole.Coordinator, "egalite-des-chances");
        await using var session = await site.OpenAsync();
        var page = session.Page;
        await ProJourney.SubmitPasswordAsync(site, page, person, audit: false);

        await ProJourney.SubmitCodeAsync(site, page, "");

        await ProJourney.ExpectErrorSummaryAsync(page, Text("Code.Required"));
        await ProJourney.ExpectHeadingAsync(page, Text("Code.Title"));
        await ProJourney.ExpectErrorTitleAsync(site, page);
    }

    private string Text(string key, params object[] arguments) => ProJourney.Text(site, key, arguments);
}
