using System.Net;
using System.Net.Sockets;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Cash.Tests;

/// <summary>When the database does not answer, a person gets a calm "come back later" page, never a stack trace.</summary>
public sealed class LosingTheDatabaseTests : IAsyncLifetime
{
    private readonly UnreachableDatabaseApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task TheDirectoryAnswersComeBackLater()
    {
        using var response = await app.GetAsync("/services");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["30"], response.Header("Retry-After"));
        var page = await response.ReadPageAsync();
        Assert.Equal(Translations.Ui("Error.Unavailable.Title", "fr"), page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("112", page.QuerySelector("main")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheErrorPageKeepsTheSecurityHeaders()
    {
        using var response = await app.GetAsync("/services");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Header("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Header("X-Content-Type-Options"));
        Assert.Equal(["no-referrer"], response.Header("Referrer-Policy"));
    }

    [Fact]
    public async Task TheHealthCheckSaysUnhealthy()
    {
        using var response = await app.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithoutItsMasterKeyFileTheAppDoesNotGuessAKeyWhileTheDatabaseIsAway()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("cash-no-database-");
        try
        {
            var keyFile = Path.Combine(folder.FullName, "master.key");
            var start = await CashWebProcess.RunAsync(
                database,
                new CashWebProcess.ProcessOptions
                {
                    Settings = new Dictionary<string, string?>
                    {
                        ["Security:MasterKey"] = null,
                        ["Security:MasterKeyFile"] = keyFile,
                        ["Site:BaseUrl"] = "http://127.0.0.1",
                        ["Database:Provider"] = "Postgres",
                        ["ConnectionStrings:Cash"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=cash;Database=cash;Timeout=3",
                        ["Database:MigrateOnStartup"] = "false",
                    },
                    Patience = TimeSpan.FromSeconds(45),
                },
                "--urls",
                "http://127.0.0.1:0");

            // A key made now might not be the database's: the start stops, says why, and writes no key.
            Assert.True(start.ExitCode == 1, start.ToString());
            Assert.Contains("does not answer", start.Error, StringComparison.Ordinal);
            Assert.Contains(keyFile, start.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", start.Error, StringComparison.Ordinal);
            Assert.Empty(folder.GetFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The app in production, pointed at a PostgreSQL port on 127.0.0.1 where nothing listens.</summary>
    private sealed class UnreachableDatabaseApp : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("Site:BaseUrl", "https://cash.example.be");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Cash", $"Host=127.0.0.1;Port={ClosedPort()};Username=cash;Database=cash;Timeout=3");
            builder.UseSetting("Database:MigrateOnStartup", "false");
            // As in production, the master key comes from a secret store, not a file beside the app.
            builder.UseSetting("Security:MasterKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("Database:SeedOnStartup", "false");
            builder.UseSetting("Logging:LogLevel:Default", "None");
        }

    }
}
