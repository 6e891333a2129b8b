using System.Net;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// Every form with choices reads them one way (Forms/StrictEnums.cs): a digit ("3" would once have
/// been a network or an outcome), a number no choice has, an unknown or miscased name is a field
/// error in the person's language, with a link in the error summary and everything else kept;
/// nothing is stored. A declared name goes through.
/// </summary>
public abstract class RefusingChoicesThatAreNotOfferedTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> Forged => ["3", "0", "999", "Unknown", "Bogus", "verbal", "Verbal,Cyber", " Parent"];

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task TheHelpFormRefusesAChoiceItDoesNotOffer(string forged)
    {
        using var browser = app.NewBrowser();
        var text = "Choix forgé " + Guid.NewGuid();
        var fields = HelpForms.Valid(text);
        string[] choices = ["Input.Role", "Input.AgeBand", "Input.Forms", "Input.Since", "Input.Wishes", "Input.Channel"];
        foreach (var field in choices)
        {
            fields[field] = forged;
        }

        var before = await app.InDatabaseAsync(db => db.HelpRequests.CountAsync(Cancellation));
        var (response, page) = await browser.SendAsync(fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(HelpForms.ReceiptOn(page));

        // "Unknown" is a declared age band and duration: those two take it, the others refuse it.
        var declared = new Dictionary<string, Type>
        {
            ["Input.Role"] = typeof(SenderRole), ["Input.AgeBand"] = typeof(AgeBand), ["Input.Forms"] = typeof(BullyingForm),
            ["Input.Since"] = typeof(Duration), ["Input.Wishes"] = typeof(HelpWish), ["Input.Channel"] = typeof(ReplyChannel),
        };
        var refused = choices.Where(f => !Enum.GetNames(declared[f]).Contains(forged, StringComparer.Ordinal)).Select(Anchor).ToList();
        Assert.Equal(refused, Links(page));
        AssertSaidPlainly(page, "#Input_Role");
        Assert.Equal(text, page.QuerySelector("#Input_Text")?.TextContent.TrimStart('\n'));
        Assert.Equal(before, await app.InDatabaseAsync(db => db.HelpRequests.CountAsync(Cancellation)));
    }

    [Fact]
    public async Task TheHelpFormTakesDeclaredNames()
    {
        using var browser = app.NewBrowser();
        var fields = HelpForms.Valid("Des noms déclarés " + Guid.NewGuid());
        fields["Input.Role"] = nameof(SenderRole.Parent);
        fields["Input.Channel"] = nameof(ReplyChannel.Receipt);

        var (_, page) = await browser.SendAsync(fields);

        Assert.NotNull(HelpForms.ReceiptOn(page));
    }

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task TheSchoolFormRefusesANetworkItDoesNotOffer(string forged)
    {
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var name = "École au réseau forgé " + Guid.NewGuid().ToString("N")[..8];

        using var response = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Network"] = forged });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(["#Input_Network"], Links(page));
        AssertSaidPlainly(page, "#Input_Network");
        Assert.Equal(name, page.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.False(await app.InDatabaseAsync(db => db.Schools.AnyAsync(s => s.Name == name, Cancellation)));
    }

    [Fact]
    public async Task TheSchoolFormTakesADeclaredNetwork()
    {
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var name = "École au réseau déclaré " + Guid.NewGuid().ToString("N")[..8];

        using var response = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Network"] = nameof(SchoolNetwork.Provincial) });

        ProfessionalSessions.AssertRedirect(response, "/pro/admin/ecoles", "creating a school");
        Assert.Equal(SchoolNetwork.Provincial, await app.InDatabaseAsync(db => db.Schools.Where(s => s.Name == name).Select(s => s.Network).SingleAsync(Cancellation)));
    }

    [Theory]
    [MemberData(nameof(Forged))]
    [InlineData(nameof(HelpOutcome.Expired))]
    [InlineData(nameof(HelpOutcome.ClosedBySender))]
    public async Task ClosingARequestRefusesAnOutcomeItDoesNotOffer(string forged)
    {
        var id = await app.NewHelpRequest().To("le-declic").Text("À clore avec une issue forgée").SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using var _ = browser;
        var url = $"/pro/demandes/{id}";

        using var response = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Close.Outcome"] = forged }, "form[action*='handler=Close']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(["#Close_Outcome"], Links(page));
        Assert.Equal(HelpRequestStatus.New, (await app.LoadHelpRequestAsync(id)).Status);
    }

    [Fact]
    public async Task ClosingARequestTakesADeclaredOutcomeAndAnAnswerDoesNotNeedOne()
    {
        var id = await app.NewHelpRequest().To("le-declic").Text("À répondre puis clore").SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using var _ = browser;
        var url = $"/pro/demandes/{id}";

        // Each action binds its own form: an answer is not refused for the close form's missing outcome.
        using (var answered = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Answer.Body"] = "Nous t’écoutons." }, "form[action*='handler=Answer']"))
        {
            ProfessionalSessions.AssertRedirect(answered, url, "answering");
        }

        using (var closed = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Close.Outcome"] = nameof(HelpOutcome.OrientedElsewhere) }, "form[action*='handler=Close']"))
        {
            ProfessionalSessions.AssertRedirect(closed, url, "closing");
        }

        Assert.Equal(HelpOutcome.OrientedElsewhere, (await app.LoadHelpRequestAsync(id)).Outcome);
    }

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task AnOrientationRuleRefusesARoleItDoesNotOffer(string forged)
    {
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "egalite-des-chances");
        using var _ = coordinator;
        var reason = "Règle forgée " + Guid.NewGuid();

        using var response = await coordinator.PostFormAsync("/pro/orientation/regle", new Dictionary<string, string?>
        {
            ["Input.ServiceId"] = (await app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == "egalite-des-chances").Select(s => s.Id).SingleAsync(Cancellation))).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles"] = forged,
            ["Input.Weight"] = "10",
            ["Input.ReasonFr"] = reason,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(["#Input_Roles"], Links(page));
        AssertSaidPlainly(page, "#Input_Roles");
        Assert.Equal(reason, page.QuerySelector("#Input_ReasonFr")?.TextContent.TrimStart('\n'));
        Assert.False(await app.InDatabaseAsync(db => db.OrientationRules.AnyAsync(r => r.ReasonFr == reason, Cancellation)));
    }

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task TheAssistantSaysAnAnswerIsNotAChoice(string forged)
    {
        var page = await app.GetPageAsync("/orientation?suivant=1&qui=" + Uri.EscapeDataString(forged));

        Assert.Equal(["#qui"], Links(page));
        AssertSaidPlainly(page, "#qui");
    }

    private static string Anchor(string field) => "#" + field.Replace('.', '_');

    private static List<string> Links(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href") ?? "")];

    /// <summary>The summary's link says the choice is not one of those offered, in French, never the framework's English or the value sent.</summary>
    private static void AssertSaidPlainly(IHtmlDocument page, string anchor) =>
        Assert.Equal(Translations.Ui("Form.Choice.Unknown", "fr"), page.QuerySelector($".error-summary a[href='{anchor}']")?.TextContent);
}

public sealed class RefusingChoicesThatAreNotOfferedOnSqlite(SqliteMailFolderCashApp app) : RefusingChoicesThatAreNotOfferedTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class RefusingChoicesThatAreNotOfferedOnPostgres(PostgresMailFolderCashApp app) : RefusingChoicesThatAreNotOfferedTests(app), IClassFixture<PostgresMailFolderCashApp>;
