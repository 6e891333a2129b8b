using System.Net;
using System.Text.Json;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

/// <summary>
/// The host name a client sends is not trusted for an address: a forged <c>Host</c> header never
/// comes back in a redirect or in the open-data description.
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

    private static void ForgedHost(HttpRequestMessage request) =>
        request.RequestUri = new Uri(new Uri("http://evil.example"), request.RequestUri!);
}

public sealed class IgnoringAForgedHostOnSqlite(SqliteCashApp app) : IgnoringAForgedHostTests(app), IClassFixture<SqliteCashApp>;

public sealed class IgnoringAForgedHostOnPostgres(PostgresCashApp app) : IgnoringAForgedHostTests(app), IClassFixture<PostgresCashApp>;
