using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cash.BrowserTests;

/// <summary>
/// The real application, as a visitor gets it (Production settings), on its own SQLite file and with
/// a quick-exit target that the browser answers itself, so nothing leaves the machine.
/// </summary>
internal sealed class CashAppFactory(string databaseFile, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Cash", $"Data Source={databaseFile}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Security:MasterKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("QuickExit:Url", CashSite.NeutralUrl);
        // Required in Production; CashSite replaces it with the real address once the server listens.
        builder.UseSetting("Site:BaseUrl", "http://127.0.0.1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("RateLimits:SignInAttemptsPerWindow", "1000000");
        builder.UseSetting("RateLimits:HelpSubmissionsPerClientPerHour", "1000000");
        builder.UseSetting("RateLimits:HelpSubmissionsPerHour", "1000000");
        builder.UseSetting("RateLimits:FollowUpFailuresPerClient", "1000000");
        builder.UseSetting("RateLimits:FollowUpFailuresGlobal", "1000000");
        builder.UseSetting("RateLimits:FollowUpDelayMilliseconds", "0");
        builder.UseSetting("RateLimits:FollowUpRepliesPerThreadPerHour", "1000000");
        builder.UseSetting("RateLimits:FollowUpRepliesPerClientPerHour", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
