using System.Net;
using System.Text.Json;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Cash.Web.Operations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Cash.Tests;

/// <summary>
/// The host name a client sends is not trusted for an address: a forged <c>Host</c> header never
/// comes back in a redirect, in the open-data description or in a link sent by e-mail, whose
/// address comes from <c>Site:BaseUrl</c>, required outside Development.
/// </summary>
public abstract class IgnoringAForgedHostTests(CashApp app)
{
    [Theory]
    [InlineData("/pro")]
    [InlineData("/pro/demandes?etat=nouvelles")]
    [InlineData("/pro/admin/journal")]
    public async Task TheSignInRedirectNamesNoHost(string path)
    {
        using var response = await app.GetAsync(path, ForgedHost);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location;
        Assert.NotNull(location);
        Assert.False(location.IsAbsoluteUri, location.ToString());
        Assert.DoesNotContain("evil.example", location.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("/pro/connexion?retour=", location.OriginalString, StringComparison.Ordinal);
        Assert.Equal(path, Uri.UnescapeDataString(location.OriginalString["/pro/connexion?retour=".Length..]));
    }

    [Fact]
    public async Task TheOpenApiDocumentNamesNoForgedServer()
    {
        using var response = await app.GetAsync("/openapi/v1.json", ForgedHost);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/api/services", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentNamesTheConfiguredAddress()
    {
        await using var configured = app.Using(new AppSettings("Site:BaseUrl", "https://cash.example.be"));

        using var response = await configured.GetAsync("/openapi/v1.json", ForgedHost);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var servers = document.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Equal(["https://cash.example.be"], servers);
    }

    [Fact]
    public async Task OutsideDevelopmentTheServerDoesNotStartWithoutItsPublicAddress()
    {
        await using var production = app.Using(new AppSettings(WebHostDefaults.EnvironmentKey, Environments.Production));

        var refused = Record.Exception(() => production.Services);

        Assert.NotNull(refused);
        Assert.Contains(Chain(refused), e => e is InvalidOperationException && e.Message.StartsWith("Site:BaseUrl is not set", StringComparison.Ordinal));

        static IEnumerable<Exception> Chain(Exception e) =>
            e is AggregateException all ? all.InnerExceptions.SelectMany(Chain) : e.InnerException is { } inner ? [e, .. Chain(inner)] : [e];
    }

    [Fact]
    public async Task AnInvitationAndAnAnswerNoticeSentThroughAForgedHostLinkToTheConfiguredSite()
    {
        await using var production = app.Using(
            new AppSettings(WebHostDefaults.EnvironmentKey, Environments.Production),
            new AppSettings(SiteAddress.ConfigurationKey, "https://cash.example.be"));
        var invited = $"invitee-{Guid.NewGuid():N}@example.be";
        var sender = $"sender-{Guid.NewGuid():N}@example.be";
        var request = await production.NewHelpRequest().To("le-declic").Text("Réponds-moi par e-mail").ReplyByEmail(sender).SaveAsync();

        var (administrator, _) = await production.SignInAsAsync(ProRole.Administrator);
        var (member, _) = await production.SignInAsAsync(ProRole.Member, "le-declic");
        using (administrator)
        using (member)
        {
            administrator.DefaultRequestHeaders.Host = "evil.example";
            member.DefaultRequestHeaders.Host = "evil.example";
            using var invitation = await administrator.PostFormAsync("/pro/admin/personnes/inviter", new Dictionary<string, string?> { ["Input.Email"] = invited, ["Input.Role"] = "Administrator" });
            Assert.Equal(HttpStatusCode.OK, invitation.StatusCode);
            using var answer = await member.PostFormAsync($"/pro/demandes/{request}", new Dictionary<string, string?> { ["Answer.Body"] = "Bonjour, nous t’avons répondu." });
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        }

        foreach (var address in (string[])[invited, sender])
        {
            var mail = Assert.Single(app.Mail.MessagesTo(address));
            var body = (mail.TextBody ?? "") + (mail.HtmlBody ?? "");
            Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("https://cash.example.be/", body, StringComparison.Ordinal);
        }
    }

    private static void ForgedHost(HttpRequestMessage request) =>
        request.RequestUri = new Uri(new Uri("http://evil.example"), request.RequestUri!);
}

public sealed class IgnoringAForgedHostOnSqlite(SqliteMailFolderCashApp app) : IgnoringAForgedHostTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class IgnoringAForgedHostOnPostgres(PostgresMailFolderCashApp app) : IgnoringAForgedHostTests(app), IClassFixture<PostgresMailFolderCashApp>;
