using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.Help;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// Issue 4's whole journey on a phone-sized window: a young person writes anonymously, keeps the
/// receipt; a member of the service signs in with two-factor, opens the request (audited) and
/// answers; the young person types the code, reads the answer and replies; the member sees the reply.
/// </summary>
public sealed class AskingForHelpTests(CashSite site)
{
    private const string Slug = "le-declic";
    private const int Phone = 360;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AYoungPersonWritesAnonymouslyAndTheServiceAnswersInTheThread(bool javaScript)
    {
        var story = $"Depuis septembre, deux élèves se moquent de moi dans le bus ({Guid.NewGuid():N}).";
        await using var young = await site.OpenAsync(javaScript, Phone);
        var page = young.Page;

        // From the home page to the form, as a visitor would.
        await young.GoToAsync("/");
        await page.Locator("main a.door[href='/aide']").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await ProJourney.ExpectHeadingAsync(page, Text("Help.Title"));
        await ProJourney.AuditIfAsync(javaScript, page);

        // Sending with nothing filled: the error summary, the form kept.
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Help.Submit"), Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (javaScript)
        {
            await ProJourney.ExpectErrorSummaryAsync(page, Text("Help.Role.Required"));
        }
        else
        {
            await Expect(page.Locator(".error-summary")).ToContainTextAsync(Text("Help.Role.Required"));
        }

        await ProJourney.ExpectErrorTitleAsync(site, page);
        await ProJourney.AuditIfAsync(javaScript, page);

        await page.GetByLabel(Text("Help.Service"), new() { Exact = true }).SelectOptionAsync(Slug);
        await page.GetByRole(AriaRole.Radio, new() { Name = Text("Help.Role.YoungTarget"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = Text("Help.AgeBand.From13To15"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = Text("Help.Form.Verbal"), Exact = true }).CheckAsync();
        await page.GetByLabel(Text("Help.Text"), new() { Exact = true }).FillAsync(story);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = Text("Help.Wish.Listening"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Help.Submit"), Exact = true }).ClickAsync();

        await ProJourney.ExpectHeadingAsync(page, Text("Help.Receipt.Title"));
        await ProJourney.AuditIfAsync(javaScript, page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"help-receipt-{(javaScript ? "js" : "nojs")}-{Phone}.png"), FullPage = true });
        var code = ReceiptCodes.Normalize(await page.Locator(".receipt-code .receipt-digits").InnerTextAsync());
        Assert.NotNull(code);
        Assert.DoesNotContain(code, page.Url, StringComparison.Ordinal);
        var requestId = await RequestIdAsync(code);

        // A member of the service, on their own computer.
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, Slug);
        await using var office = await site.OpenAsync();
        await ProJourney.SignInAsync(site, office.Page, member);
        await office.Page.GetByRole(AriaRole.Link, new() { Name = ProJourney.Text(site, "Inbox.Nav"), Exact = true }).ClickAsync();
        await AxeAudit.AssertNoViolationsAsync(office.Page);
        await office.Page.Locator($"main a[href='/pro/demandes/{requestId}']").ClickAsync();
        await Expect(office.Page.Locator("main")).ToContainTextAsync(story);
        await AxeAudit.AssertNoViolationsAsync(office.Page);
        Assert.Contains((AuditActions.Read, member.Id), await AuditedAsync(requestId));

        var answer = $"Merci de nous avoir écrit. Peux-tu nous dire à quelle heure passe ce bus ? ({Guid.NewGuid():N})";
        await office.Page.GetByLabel(ProJourney.Text(site, "Inbox.Answer.Label"), new() { Exact = true }).FillAsync(answer);
        await office.Page.GetByRole(AriaRole.Button, new() { Name = ProJourney.Text(site, "Inbox.Answer.Submit"), Exact = true }).ClickAsync();
        await Expect(office.Page.Locator("main [role=status]")).ToContainTextAsync(ProJourney.Text(site, "Inbox.Done.Answered"));

        // Later, the young person comes back with the code.
        await young.GoToAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = site.Text("Layout.MainNavigation", "fr") })
            .GetByRole(AriaRole.Link, new() { Name = site.Text("Nav.FollowUp", "fr"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("FollowUp.Title"));
        await ProJourney.AuditIfAsync(javaScript, page);
        await page.GetByLabel(Text("FollowUp.Code"), new() { Exact = true }).FillAsync($"{code[..4]} {code[4..8]} {code[8..12]} {code[12..]}");
        await page.GetByRole(AriaRole.Button, new() { Name = Text("FollowUp.Open"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Text("FollowUp.Thread.Title"));
        await Expect(page.Locator(".thread")).ToContainTextAsync(answer);
        Assert.EndsWith("/suivi", page.Url, StringComparison.Ordinal);
        await ProJourney.AuditIfAsync(javaScript, page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"followup-thread-{(javaScript ? "js" : "nojs")}-{Phone}.png"), FullPage = true });

        var reply = $"Vers 7 h 40, la ligne 5. ({Guid.NewGuid():N})";
        await page.GetByLabel(Text("FollowUp.Reply"), new() { Exact = true }).FillAsync(reply);
        await page.GetByRole(AriaRole.Button, new() { Name = Text("FollowUp.Reply.Submit"), Exact = true }).ClickAsync();
        await Expect(page.Locator("main [role=status]")).ToContainTextAsync(Text("FollowUp.Reply.Done"));
        await Expect(page.Locator(".thread")).ToContainTextAsync(reply);
        Assert.EndsWith("/suivi", page.Url, StringComparison.Ordinal);

        // The member sees the reply.
        await office.Page.ReloadAsync();
        await Expect(office.Page.Locator("main")).ToContainTextAsync(reply);
    }

    [Theory]
    [InlineData("fr-BE")]
    [InlineData("nl-BE")]
    [InlineData("en")]
    public async Task TheFormAndTheFollowUpPageAreAccessibleInEveryLanguage(string culture)
    {
        await using var session = await site.OpenAsync(width: Phone);
        await session.GoToAsync(PublicPages.InCulture("/aide", culture));
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        await AxeAudit.AssertNoViolationsAsync(session.Page);

        // A wrong code: the error state of the follow-up page.
        await session.GoToAsync("/suivi");
        await session.Page.Locator("#Code").FillAsync("0000 0000 0000 0001");
        await session.Page.Locator("button[value='ouvrir']").ClickAsync();
        await Expect(session.Page.Locator(".error-summary")).ToBeVisibleAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    [Fact]
    public async Task TheFormCanBeFilledAndSentWithTheKeyboardOnly()
    {
        await using var session = await site.OpenAsync(width: Phone);
        var page = session.Page;
        await session.GoToAsync("/aide");

        // Tab to the first radio of "who are you", choose with the arrows, then type the story.
        await page.Locator("#Input_Service").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#Input_Role")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Locator("#Input_Text").FocusAsync();
        await page.Keyboard.TypeAsync("Au clavier seulement.");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#Input_Since")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Text("Help.Submit"), Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await ProJourney.ExpectHeadingAsync(page, Text("Help.Receipt.Title"));
    }

    private string Text(string key) => ProJourney.PortalText(site, key);

    // axe runs inside the page: without JavaScript there is nothing to run it with; the same markup is checked with it on.

    private async Task<Guid> RequestIdAsync(string code)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        return await db.HelpRequests.Where(r => r.ReceiptId == ReceiptCodes.IdOf(code)).Select(r => r.Id).SingleAsync();
    }

    private async Task<List<(string Action, Guid? Actor)>> AuditedAsync(Guid requestId)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var id = requestId.ToString();
        var entries = await db.AuditEntries.Where(e => e.EntityId == id).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.ActorId }).ToListAsync();
        return [.. entries.Select(e => (e.Action, e.ActorId))];
    }
}
