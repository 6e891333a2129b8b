using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The "done when" of issue 3, as a new administrator lives it: the first administrator comes from
/// the command line, invites a member of AMO « Le Déclic », changes that service's phone number,
/// which the public directory shows at once, and finds all of it in an audit log that verifies.
/// </summary>
public sealed class RunningTheNetworkAsAnAdministratorTests(CashSite site)
{
    private const string Slug = "le-declic";
    private const string ServiceName = "AMO « Le Déclic »";
    private const string NewPhone = "056/99 88 77";
    private const string NewPhoneLink = "tel:+3256998877";

    [Fact]
    public async Task AdministratorInvitesAMemberChangesAPhoneNumberAndTheAuditLogShowsItAndVerifies()
    {
        var adminEmail = ProJourney.NewAddress("first-admin");
        var link = await ProJourney.InviteFromCommandLineAsync(site, adminEmail, ProRole.Administrator);
        await using var adminSession = await site.OpenAsync();
        var page = adminSession.Page;
        var admin = await ProJourney.AcceptInvitationAsync(site, page, link, adminEmail);
        await ProJourney.GoToDashboardFromRecoveryCodesAsync(site, page, admin);
        await AxeAudit.AssertNoViolationsAsync(page);
        await ProJourney.SignOutAsync(site, page);
        await ProJourney.SignInAsync(site, page, admin);

        // Inviting is sensitive: an administrator who signed in a while ago types the password again.
        await SignedInLongAgoAsync(admin);
        await NavigationLink(page, "Nav.People").ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("People.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = Text("People.InviteLink"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("Confirm.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByLabel(Text("SignIn.Password"), new() { Exact = true }).FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Confirm.Submit"), Exact = true }).ClickAsync();

        var memberEmail = ProJourney.NewAddress("member-declic");
        await ProJourney.ExpectHeadingAsync(page, Text("People.Invite.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByLabel(Text("People.Invite.Email"), new() { Exact = true }).FillAsync(memberEmail);
        await page.GetByRole(AriaRole.Radio, new() { Name = Text("Role.Member"), Exact = true }).CheckAsync();
        await page.GetByLabel(Text("People.Service"), new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = ServiceName });
        await page.GetByRole(AriaRole.Button, new() { Name = Text("People.Invite.Submit"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("People.Invite.Sent.Title"));
        await Expect(page.Locator("main [role=status]")).ToContainTextAsync(memberEmail);
        await AxeAudit.AssertNoViolationsAsync(page);

        // The member opens the e-mail on their own computer.
        var memberLink = await ProJourney.InvitationLinkAsync(site, memberEmail);
        await using (var memberSession = await site.OpenAsync())
        {
            var member = await ProJourney.AcceptInvitationAsync(site, memberSession.Page, memberLink, memberEmail);
            await ProJourney.GoToDashboardFromRecoveryCodesAsync(site, memberSession.Page, member);
            await Expect(memberSession.Page.Locator("main .lead")).ToContainTextAsync(Text("Home.YourService", ServiceName));
            await Expect(memberSession.Page.Locator("main .lead")).ToContainTextAsync(Text("Home.YourRole", Text("Role.Member")));
        }

        // Someone looking at the public page before the change, so a stale cache would show.
        await using var visitor = await site.OpenAsync();
        await visitor.GoToAsync($"/services/{Slug}");
        await Expect(visitor.Page.Locator($"main a[href='{NewPhoneLink}']")).ToHaveCountAsync(0);

        await NavigationLink(page, "Nav.Services").ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("Directory.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = ServiceName }).GetByRole(AriaRole.Link).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("Directory.Edit.Title", ServiceName));
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByLabel(Text("Directory.Phone"), new() { Exact = true }).FillAsync(NewPhone);
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Directory.Edit.Submit"), Exact = true }).ClickAsync();
        await Expect(page.Locator("main [role=status]")).ToContainTextAsync(Text("Directory.Edit.Saved"));
        await Expect(page.GetByLabel(Text("Directory.Phone"), new() { Exact = true })).ToHaveValueAsync(NewPhone);
        await AxeAudit.AssertNoViolationsAsync(page);

        await visitor.GoToAsync($"/services/{Slug}");
        await Expect(visitor.Page.Locator($"main a[href='{NewPhoneLink}']")).ToHaveTextAsync(NewPhone);
        await AxeAudit.AssertNoViolationsAsync(visitor.Page);

        await NavigationLink(page, "Nav.AuditLog").ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("Audit.Title"));
        await AxeAudit.AssertNoViolationsAsync(page);
        // Other journeys write to the same site meanwhile (a sender's reply is an update too): find this administrator's.
        var adminLink = page.GetByRole(AriaRole.Link, new() { Name = admin.DisplayName, Exact = true });
        await page.Locator($"tr[data-action='{AuditActions.Update}']").Filter(new() { Has = adminLink }).First
            .GetByRole(AriaRole.Link, new() { Name = admin.DisplayName, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"acteur={admin.Id}"));
        foreach (var action in new[] { AuditActions.SignIn, AuditActions.SignInSecondFactor, AuditActions.Reauthenticate, AuditActions.InvitationCreate, AuditActions.Update })
        {
            await Expect(page.Locator($"tr[data-action='{action}']").First).ToBeVisibleAsync();
        }

        await AxeAudit.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = Text("Audit.Verify.Submit"), Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-verification='intact']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-verification='broken']")).ToHaveCountAsync(0);
        await AxeAudit.AssertNoViolationsAsync(page);
    }

    private ILocator NavigationLink(IPage page, string key) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = site.Text("Layout.MainNavigation", ProJourney.Culture) })
            .GetByRole(AriaRole.Link, new() { Name = Text(key), Exact = true });

    // Stands for the minutes that pass between signing in and inviting, which a test cannot wait for.
    private async Task SignedInLongAgoAsync(ProPerson person)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var longAgo = DateTimeOffset.UtcNow - UserSession.ReauthenticationWindow - TimeSpan.FromMinutes(1);
        var changed = await db.UserSessions
            .Where(s => s.ProfessionalId == person.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReauthenticatedAt, longAgo));
        Assert.Equal(1, changed);
    }

    private string Text(string key, params object[] arguments) => ProJourney.Text(site, key, arguments);
}
