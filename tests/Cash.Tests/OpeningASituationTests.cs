using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Pages.FollowUp;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// A member of a service opens a situation (issue 10, point 1): directly, for what came by phone or
/// at a desk, or from a help request of the inbox, which stays linked and whose sender's thread goes
/// on. Their service leads it. Nobody without a service opens one, and a request the member may not
/// open cannot be the start of one.
/// </summary>
public abstract class OpeningASituationTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Passerelle = "la-passerelle";
    private const string NewSituation = "/pro/situations/nouvelle";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMemberOpensASituationDirectlyAndTheirServiceLeadsIt()
    {
        var summary = "Appel de la maman : insultes au bus depuis janvier " + Guid.NewGuid();
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Declic);

        using var response = await browser.PostFormAsync(NewSituation, new Dictionary<string, string?>
        {
            ["Input.Channel"] = nameof(SituationChannel.Phone),
            ["Input.School"] = "dehors",
            ["Input.Forms"] = nameof(BullyingForm.Verbal),
            ["Input.Severity"] = nameof(Severity.Repeated),
            ["Input.Summary"] = summary,
        });

        var id = IdOfRedirect(response);
        var situation = await app.LoadSituationAsync(id);
        Assert.Equal(await ServiceIdAsync(Declic), situation.LeadServiceId);
        Assert.Equal(person.Id, situation.OpenedBy);
        Assert.Equal((SituationChannel.Phone, Severity.Repeated, SituationStatus.Open), (situation.Channel, situation.Severity, situation.Status));
        Assert.True(situation.OutsideSchool);
        Assert.Null(situation.HelpRequestId);
        Assert.Equal(situation.Reference, SituationReferences.Normalise(situation.Reference));
        var lead = Assert.Single(situation.Services);
        Assert.Equal(InvolvementTier.Lead, lead.Tier);

        // The summary is stored encrypted, bound to this situation.
        Assert.DoesNotContain(summary, Encoding.UTF8.GetString(situation.Summary!), StringComparison.Ordinal);
        Assert.Equal(summary, await app.Services.GetRequiredService<SituationContent>().SummaryAsync(situation, Cancellation));

        var page = await browser.GetPageAsync($"/pro/situations/{id}");
        Assert.Equal(summary, page.QuerySelector("#summary")!.TextContent);
        Assert.Contains(situation.Reference, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningFromAHelpRequestKeepsTheLinkAndTheSendersThreadGoesOn()
    {
        var requestId = await app.NewHelpRequest().To(Declic).Text("Ils me bousculent dans les couloirs").WithCode(out var code).SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var inbox = $"/pro/demandes/{requestId}";
        var open = $"{NewSituation}?demande={requestId}";

        var details = await browser.GetPageAsync(inbox);
        Assert.NotNull(details.QuerySelector($"a[href='{open}']"));

        // Prefilled with what the request says; the channel is the request's.
        var form = await browser.GetPageAsync(open);
        Assert.NotNull(form.QuerySelector("#from-request"));
        Assert.Null(form.QuerySelector("input[name='Input.Channel']"));
        Assert.True(form.QuerySelector("input[name='Input.Forms'][value='Verbal']")!.HasAttribute("checked"));
        Assert.True(form.QuerySelector("input[name='Input.Forms'][value='Cyber']")!.HasAttribute("checked"));
        Assert.False(form.QuerySelector("input[name='Input.Forms'][value='Physical']")!.HasAttribute("checked"));
        Assert.True(form.QuerySelector("input[name='Input.Online']")!.HasAttribute("checked"));
        Assert.True(form.QuerySelector("input[name='Input.Since'][value='Weeks']")!.HasAttribute("checked"));

        using var response = await browser.PostFormAsync(open, new Dictionary<string, string?>
        {
            ["Input.Severity"] = nameof(Severity.Serious),
            ["Input.Summary"] = "Bousculades répétées, la jeune n'ose plus aller en classe.",
        });
        var id = IdOfRedirect(response);
        var situation = await app.LoadSituationAsync(id);
        Assert.Equal(requestId, situation.HelpRequestId);
        Assert.Equal(SituationChannel.HelpRequest, situation.Channel);
        Assert.Equal(BullyingForm.Verbal | BullyingForm.Cyber, situation.Forms);
        Assert.True(situation.HappensOnline);

        // The inbox shows the link instead of offering a second situation, and so does the form.
        details = await browser.GetPageAsync(inbox);
        Assert.NotNull(details.QuerySelector($"#linked-situation a[href='/pro/situations/{id}']"));
        Assert.Null(details.QuerySelector($"a[href='{open}']"));
        using (var again = await browser.GetAsync(new Uri(open, UriKind.Relative), Cancellation))
        {
            ProfessionalSessions.AssertRedirect(again, $"/pro/situations/{id}", "opening the request again");
        }

        var page = await browser.GetPageAsync($"/pro/situations/{id}");
        Assert.NotNull(page.QuerySelector($"a[href='/pro/demandes/{requestId}']"));

        // The sender's thread works as before, both ways.
        using (var answered = await browser.PostFormAsync(inbox, new Dictionary<string, string?> { ["Answer.Body"] = "Nous suivons votre situation avec l'école." }))
        {
            ProfessionalSessions.AssertRedirect(answered, inbox, "answering");
        }

        using var sender = app.NewBrowser();
        var (opened, thread) = await sender.OpenThreadAsync(code);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Nous suivons votre situation avec l'école.", thread.QuerySelector(".thread")!.TextContent, StringComparison.Ordinal);
        var (replied, _) = await sender.ActInThreadAsync(thread, FollowUpModel.Answer, "Merci, ça continue au bus.");
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        var request = await app.LoadHelpRequestAsync(requestId);
        Assert.Contains(request.Messages, m => m.Author == MessageAuthor.Sender);
        Assert.NotEqual(HelpRequestStatus.Closed, request.Status);
        Assert.Equal(1, await app.InDatabaseAsync(db => db.Situations.CountAsync(s => s.HelpRequestId == requestId, Cancellation)));
    }

    [Fact]
    public async Task AHelpRequestTheMemberMayNotOpenIsNotFound()
    {
        var theirs = await app.NewHelpRequest().To(Passerelle).Text("Pour La Passerelle").SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var url = $"{NewSituation}?demande={theirs}";

        using (var get = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        using (var post = await browser.PostRawAsync(url, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync(NewSituation),
            ["Input.Severity"] = nameof(Severity.Concern),
            ["Input.Summary"] = "Tentative",
        }))
        {
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        using (var unknown = await browser.GetAsync(new Uri($"{NewSituation}?demande={Guid.NewGuid()}", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        Assert.Equal(0, await app.InDatabaseAsync(db => db.Situations.CountAsync(s => s.HelpRequestId == theirs, Cancellation)));
    }

    [Fact]
    public async Task SomeoneWithoutAServiceMayNotOpenASituation()
    {
        var (browser, person) = await app.SignInAsAsync(ProRole.Administrator);

        using (var get = await browser.GetAsync(new Uri(NewSituation, UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }

        using (var post = await browser.PostRawAsync(NewSituation, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync("/pro/compte"),
            ["Input.Channel"] = nameof(SituationChannel.Desk),
            ["Input.Severity"] = nameof(Severity.Concern),
            ["Input.Summary"] = "Sans service",
        }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.False(await app.InDatabaseAsync(db => db.Situations.AnyAsync(s => s.OpenedBy == person.Id, Cancellation)));
        var list = await browser.GetPageAsync("/pro/situations");
        Assert.Null(list.QuerySelector($"a[href='{NewSituation}']"));
    }

    [Fact]
    public async Task AnIncompleteFormComesBackWithAnErrorSummaryAndEverythingTyped()
    {
        var summary = "Exclusion du groupe classe, messages blessants " + Guid.NewGuid();
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Declic);

        using var response = await browser.PostFormAsync(NewSituation, new Dictionary<string, string?>
        {
            ["Input.Channel"] = null,
            ["Input.School"] = "",
            ["Input.ClassName"] = "3C",
            ["Input.Forms"] = nameof(BullyingForm.Relational),
            ["Input.Summary"] = summary,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.StartsWith("Erreur", page.Title, StringComparison.Ordinal);
        var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Input_Channel", "#Input_ClassName", "#Input_Severity"], links);
        Assert.Equal(summary, page.QuerySelector("textarea[name='Input.Summary']")!.TextContent.TrimStart('\n'));
        Assert.Equal("3C", page.QuerySelector("input[name='Input.ClassName']")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("input[name='Input.Forms'][value='Relational']")!.HasAttribute("checked"));
        Assert.False(await app.InDatabaseAsync(db => db.Situations.AnyAsync(s => s.OpenedBy == person.Id, Cancellation)));
    }

    private static Guid IdOfRedirect(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}.");
        var path = response.Headers.Location!.OriginalString.Split('?')[0];
        Assert.StartsWith("/pro/situations/", path, StringComparison.Ordinal);
        return Guid.Parse(path["/pro/situations/".Length..]);
    }

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));
}

public sealed class OpeningASituationOnSqlite(SqliteCashApp app) : OpeningASituationTests(app), IClassFixture<SqliteCashApp>;

public sealed class OpeningASituationOnPostgres(PostgresCashApp app) : OpeningASituationTests(app), IClassFixture<PostgresCashApp>;
