using System.Net;
using Cash.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cash.Tests;

public abstract class ProtectingEveryResponseTests(CashApp app)
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/services", HttpStatusCode.OK)]
    [InlineData("/api/services", HttpStatusCode.OK)]
    [InlineData("/cette-page-n-existe-pas", HttpStatusCode.NotFound)]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/aide", HttpStatusCode.OK)]
    [InlineData("/suivi", HttpStatusCode.OK)]
    [InlineData("/pro/connexion", HttpStatusCode.OK)]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        // Twice: rendered, then (for public pages and forms) served from memory.
        for (var visit = 0; visit < 2; visit++)
        {
            using var response = await app.GetAsync(path);
            AssertSecurityHeaders(response, status);
        }
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        var policy = Assert.Single(response.Header("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Header("X-Content-Type-Options"));
        Assert.Equal(["no-referrer"], response.Header("Referrer-Policy"));
        Assert.Equal(["DENY"], response.Header("X-Frame-Options"));
        Assert.Empty(response.Header("Server"));
    }

    [Fact]
    public async Task TheRealServerDoesNotAnnounceItself()
    {
        // The in-memory test server never writes a Server header; Kestrel does unless told not to.
        await using var onKestrel = app.InEnvironment(Environments.Development);
        onKestrel.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        onKestrel.StartServer();
        using var visitor = onKestrel.CreateClient();
        Assert.Equal(IPAddress.Loopback.ToString(), visitor.BaseAddress?.Host);

        using var response = await visitor.GetAsync(new Uri("/services", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Header("Server"));
    }

    [Fact]
    public async Task InProductionOverHttpsBrowsersAreToldToStayOnHttps()
    {
        await using var production = app.InEnvironment(Environments.Production);

        using var response = await production.GetAsync("/services", OverHttps);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Header("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopmentNoHstsIsSent()
    {
        Assert.True(app.Services.GetRequiredService<IWebHostEnvironment>().IsDevelopment());

        using var response = await app.GetAsync("/services", OverHttps);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Header("Strict-Transport-Security"));
    }

    // Not localhost: ASP.NET Core never sends HSTS to localhost, where browsers would ignore it anyway.
    private static void OverHttps(HttpRequestMessage request) =>
        request.RequestUri = new Uri(new Uri("https://cash.test"), request.RequestUri!);
}

public sealed class ProtectingEveryResponseOnSqlite(SqliteCashApp app) : ProtectingEveryResponseTests(app), IClassFixture<SqliteCashApp>;

public sealed class ProtectingEveryResponseOnPostgres(PostgresCashApp app) : ProtectingEveryResponseTests(app), IClassFixture<PostgresCashApp>;
