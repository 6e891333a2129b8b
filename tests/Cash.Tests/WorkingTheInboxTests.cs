using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.Pro.Inbox;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// A service works its inbox (issue 4, point 5): it sees its own requests and nobody else's, opens
/// one (audited), acknowledges, answers in the thread, forwards only with the sender's consent or
/// asks for it, closes with an outcome; the coordinators triage the "orient me" requests.
/// </summary>
public abstract class WorkingTheInboxTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Passerelle = "la-passerelle";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMemberSeesTheRequestsOfTheirServiceAndNoOtherOnes()
    {
        var ours = await app.NewHelpRequest().To(Declic).Text("On se moque de moi au bus").SaveAsync();
        var theirs = await app.NewHelpRequest().To(Passerelle).Text("Texte pour La Passerelle").SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);

        var inbox = await browser.GetPageAsync("/pro/demandes");
        Assert.NotNull(inbox.QuerySelector($"a[href='/pro/demandes/{ours}']"));
        Assert.Null(inbox.QuerySelector($"a[href='/pro/demandes/{theirs}']"));

        var page = await browser.GetPageAsync($"/pro/demandes/{ours}");
        Assert.Contains("On se moque de moi au bus", page.QuerySelector("#request-text")!.TextContent, StringComparison.Ordinal);
        using var other = await browser.GetAsync(new Uri($"/pro/demandes/{theirs}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task OpeningARequestIsAudited()
    {
        var id = await app.NewHelpRequest().To(Declic).Text("À auditer").SaveAsync();
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Declic);

        await browser.GetPageAsync($"/pro/demandes/{id}");

        var reads = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.Read && e.EntityId == id.ToString()).ToListAsync(Cancellation));
        var read = Assert.Single(reads);
        Assert.Equal(person.Id, read.ActorId);
        Assert.Equal(nameof(HelpRequest), read.EntityType);
    }

    [Fact]
    public async Task AServiceAcknowledgesAnswersAndClosesARequest()
    {
        const string address = "eleve-inbox@example.org";
        const string answer = "Bonjour, nous pouvons te recevoir mardi au Déclic.";
        var id = await app.NewHelpRequest().To(Declic).Text("Aidez-moi").ReplyByEmail(address).SaveAsync();
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Declic);
        var url = $"/pro/demandes/{id}";

        var opened = await browser.GetPageAsync(url);
        Assert.Contains(address, opened.QuerySelector(".summary-list")!.TextContent, StringComparison.Ordinal);

        using (var acknowledged = await browser.PostFormAsync(url, new Dictionary<string, string?>(), "form[action*='handler=Acknowledge']"))
        {
            ProfessionalSessions.AssertRedirect(acknowledged, url, "acknowledging");
        }

        Assert.Equal(HelpRequestStatus.Acknowledged, (await app.LoadHelpRequestAsync(id)).Status);

        // An empty answer is refused with an error summary, and nothing is written.
        using (var empty = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Answer.Body"] = "  " }))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            var page = await empty.ReadPageAsync();
            Assert.NotNull(page.QuerySelector(".error-summary a[href='#Answer_Body']"));
        }

        Assert.Empty((await app.LoadHelpRequestAsync(id)).Messages);

        using (var answered = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Answer.Body"] = answer }))
        {
            ProfessionalSessions.AssertRedirect(answered, url, "answering");
        }

        var request = await app.LoadHelpRequestAsync(id);
        var message = Assert.Single(request.Messages);
        Assert.Equal(MessageAuthor.Service, message.Author);
        Assert.Equal(person.Id, message.ProfessionalId);
        Assert.DoesNotContain(answer, Encoding.UTF8.GetString(message.Body), StringComparison.Ordinal);
        var cipher = app.Services.GetRequiredService<FieldCipher>();
        Assert.Equal(answer, await cipher.DecryptAsync(message.Body, HelpColumns.MessageBody(message), Cancellation));

        // The sender who chose e-mail is told something awaits at /suivi, never what.
        var mail = Assert.Single(app.Mail.MessagesTo(address));
        var body = (mail.TextBody ?? "") + (mail.HtmlBody ?? "");
        Assert.Contains("/suivi", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Déclic", body, StringComparison.Ordinal);
        Assert.DoesNotContain("mardi", body, StringComparison.Ordinal);

        var thread = await browser.GetPageAsync(url);
        Assert.Contains(answer, thread.QuerySelector(".thread")!.TextContent, StringComparison.Ordinal);

        using (var noOutcome = await browser.PostFormAsync(url, new Dictionary<string, string?>(), "form[action*='handler=Close']"))
        {
            Assert.Equal(HttpStatusCode.OK, noOutcome.StatusCode);
            Assert.NotNull((await noOutcome.ReadPageAsync()).QuerySelector(".error-summary a[href='#Close_Outcome']"));
        }

        using (var closed = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Close.Outcome"] = nameof(HelpOutcome.Answered) }))
        {
            ProfessionalSessions.AssertRedirect(closed, url, "closing");
        }

        request = await app.LoadHelpRequestAsync(id);
        Assert.Equal(HelpRequestStatus.Closed, request.Status);
        Assert.Equal(HelpOutcome.Answered, request.Outcome);
        var open = await browser.GetPageAsync("/pro/demandes");
        Assert.Null(open.QuerySelector($"a[href='/pro/demandes/{id}']"));
        var closedList = await browser.GetPageAsync("/pro/demandes?vue=closes");
        Assert.NotNull(closedList.QuerySelector($"a[href='/pro/demandes/{id}']"));
    }

    [Fact]
    public async Task ForwardingWithoutConsentIsRefusedAndTheServiceMayAskForIt()
    {
        var id = await app.NewHelpRequest().To(Declic).Text("Pas de transfert").WithCode(out var code).SaveAsync();
        var passerelle = await ServiceIdAsync(Passerelle);
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var url = $"/pro/demandes/{id}";

        using (var refused = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Forward.ServiceId"] = passerelle.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ReadPageAsync();
            Assert.NotNull(page.QuerySelector(".error-summary a[href='#Forward_ServiceId']"));
            Assert.Equal(passerelle.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#Forward_ServiceId option[selected]")?.GetAttribute("value"));
        }

        var unchanged = await app.LoadHelpRequestAsync(id);
        Assert.Equal(await ServiceIdAsync(Declic), unchanged.PartnerServiceId);
        Assert.Equal(HelpRequestStatus.New, unchanged.Status);

        using (var asked = await browser.PostFormAsync(url, new Dictionary<string, string?>(), "form[action*='handler=AskConsent']"))
        {
            ProfessionalSessions.AssertRedirect(asked, url, "asking for consent");
        }

        var thread = await browser.GetPageAsync(url);
        Assert.Contains("Es-tu d’accord pour que nous lui transmettions ta demande", thread.QuerySelector(".thread")!.TextContent, StringComparison.Ordinal);
        Assert.Single((await app.LoadHelpRequestAsync(id)).Messages);

        // The sender, back on /suivi with the code of their receipt, finds the question in their thread.
        using var sender = app.NewBrowser();
        var (opened, senderThread) = await sender.OpenThreadAsync(code);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("Pas de transfert", senderThread.QuerySelector(".thread .request-text")?.TextContent);
        Assert.Contains("Es-tu d’accord pour que nous lui transmettions ta demande", senderThread.QuerySelector(".thread")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardingWithConsentMovesTheRequestToTheOtherService()
    {
        var id = await app.NewHelpRequest().To(Declic).Text("Transfert accepté").MayForward().SaveAsync();
        var passerelle = await ServiceIdAsync(Passerelle);
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var url = $"/pro/demandes/{id}";

        using (var forwarded = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Forward.ServiceId"] = passerelle.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            ProfessionalSessions.AssertRedirect(forwarded, "/pro/demandes", "forwarding");
        }

        Assert.Equal(passerelle, (await app.LoadHelpRequestAsync(id)).PartnerServiceId);
        using (var gone = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var (receiving, _) = await app.SignInAsAsync(ProRole.Lead, Passerelle);
        var page = await receiving.GetPageAsync(url);
        Assert.Contains("Transfert accepté", page.QuerySelector("#request-text")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await receiving.GetPageAsync("/pro/demandes")).QuerySelector($"a[href='{url}']"));
    }

    [Fact]
    public async Task TheCoordinatorTriagesAndAssignsAnOrientMeRequest()
    {
        var id = await app.NewHelpRequest().Text("Orientez-moi").SaveAsync();
        var declic = await ServiceIdAsync(Declic);
        var (member, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "egalite-des-chances");
        var url = $"/pro/demandes/{id}";

        using (var hidden = await member.GetAsync(new Uri(url, UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        var inbox = await coordinator.GetPageAsync("/pro/demandes");
        Assert.NotNull(inbox.QuerySelector("#triage-caption")!.ParentElement!.QuerySelector($"a[href='{url}']"));

        using (var assigned = await coordinator.PostFormAsync(url, new Dictionary<string, string?> { ["Assign.ServiceId"] = declic.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            ProfessionalSessions.AssertRedirect(assigned, "/pro/demandes", "assigning");

            // The coordinator is told what was done: given to a service, not passed on.
            var location = assigned.Headers.Location!;
            var told = await coordinator.GetPageAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
            Assert.Equal(Translations.ProSpace("Inbox.Done.Assigned", "fr"), told.QuerySelector("main .notice p")?.TextContent.Trim());
        }

        Assert.Equal(declic, (await app.LoadHelpRequestAsync(id)).PartnerServiceId);
        await member.GetPageAsync(url);
        using var coordinatorNow = await coordinator.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, coordinatorNow.StatusCode);
    }

    [Fact]
    public async Task AnAdministratorWithoutAServiceSeesNoRequestContent()
    {
        var ours = await app.NewHelpRequest().To(Declic).Text("Secret du Déclic").SaveAsync();
        var triage = await app.NewHelpRequest().Text("Secret du triage").SaveAsync();
        var (administrator, _) = await app.SignInAsAsync(ProRole.Administrator);

        var inbox = await administrator.GetPageAsync("/pro/demandes");
        Assert.Empty(inbox.QuerySelectorAll("a[href^='/pro/demandes/']"));
        foreach (var id in new[] { ours, triage })
        {
            using var response = await administrator.GetAsync(new Uri($"/pro/demandes/{id}", UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Secret", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }
    }

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));
}

public sealed class WorkingTheInboxOnSqlite(SqliteMailFolderCashApp app) : WorkingTheInboxTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class WorkingTheInboxOnPostgres(PostgresMailFolderCashApp app) : WorkingTheInboxTests(app), IClassFixture<PostgresMailFolderCashApp>;
