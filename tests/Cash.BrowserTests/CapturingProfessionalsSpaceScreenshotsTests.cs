using Cash.Web.Domain.People;
using Microsoft.Playwright;

namespace Cash.BrowserTests;

/// <summary>
/// The professionals' space at a small phone's width and a desktop's, kept under
/// <c>artifacts/screenshots/</c> beside the public pages' for a person to review.
/// </summary>
public sealed class CapturingProfessionalsSpaceScreenshotsTests(CashSite site)
{
    private static readonly int[] Widths = [360, 1280];

    [Fact]
    public async Task SignInEnrolmentAndDashboardAreCapturedAtPhoneAndDesktopWidths()
    {
        var email = ProJourney.NewAddress("screenshots");
        var link = await ProJourney.InviteFromCommandLineAsync(site, email, ProRole.Lead, "le-declic");
        var person = new ProPerson(email, "Camille Lefebvre", ProJourney.NewPassword());
        await using var session = await site.OpenAsync(width: Widths[0]);
        var page = session.Page;

        await session.GoToAsync("/pro/connexion");
        await CaptureAsync(page, "pro-sign-in");

        await page.GotoAsync(link.ToString());
        await ProJourney.SubmitPasswordStepAsync(site, page, person.DisplayName, "trop court", "trop court");
        await page.Locator(".error-summary").WaitForAsync();
        await CaptureAsync(page, "pro-invitation-password-error");

        await ProJourney.SubmitPasswordStepAsync(site, page, person.DisplayName, person.Password, person.Password);
        await ProJourney.ExpectHeadingAsync(page, ProJourney.Text(site, "Invitation.Totp.Title"));
        await CaptureAsync(page, "pro-totp-enrolment");

        person.Authenticator = await ProJourney.ReadSharedKeyAsync(page);
        await page.GetByLabel(ProJourney.Text(site, "Invitation.Totp.Code"), new() { Exact = true }).FillAsync(await person.Authenticator.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = ProJourney.Text(site, "Invitation.Totp.Submit"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, ProJourney.Text(site, "Invitation.Codes.Title"));
        await CaptureAsync(page, "pro-recovery-codes");

        await ProJourney.GoToDashboardFromRecoveryCodesAsync(site, page, person);
        await CaptureAsync(page, "pro-dashboard");
    }

    private static async Task CaptureAsync(IPage page, string name)
    {
        foreach (var width in Widths)
        {
            var file = Path.Combine(Screenshots.Folder, $"{name}-{ProJourney.Culture}-{width}.png");
            File.Delete(file);
            await page.SetViewportSizeAsync(width, 800);

            await page.ScreenshotAsync(new() { Path = file, FullPage = true });

            Assert.True(new FileInfo(file) is { Exists: true, Length: > 0 }, $"No screenshot at {file}.");
        }

        await page.SetViewportSizeAsync(Widths[0], 800);
    }
}
