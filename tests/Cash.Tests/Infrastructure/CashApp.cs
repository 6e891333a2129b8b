using Cash.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// The whole application in memory on a real database of its own, started once per test class
/// through <see cref="IClassFixture{TFixture}"/>. Tests talk to it as a visitor would (see
/// <see cref="Visits"/>), and reach into the database only to arrange or check what a visitor cannot.
/// </summary>
/// <remarks>
/// SQLite gets a fresh file in a temporary folder. PostgreSQL is provided from outside: the
/// environment variable <c>CASH_TEST_POSTGRES</c> holds an admin connection string to a throw-away
/// cluster (<c>./scripts/test.sh</c> starts one on 127.0.0.1 and sets it); each app instance creates
/// a uniquely named database there and drops it on dispose. Without the variable the PostgreSQL
/// tests fail, never skip. Details in <see cref="TestDatabase"/>.
/// </remarks>
public abstract class CashApp(DatabaseProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? database;

    public DatabaseProvider Provider => provider;

    public TestDatabase Database => database ?? throw new InvalidOperationException("The app is not initialised yet.");

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        // Starting now runs the migrations and the seed, so a broken start fails here with its own error.
        await using var scope = Services.CreateAsyncScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<CashDbContext>().Database.GetConnectionString();
        if (!database.IsTargetOf(connectionString))
        {
            throw new InvalidOperationException($"The app did not pick up its test database; it uses: {connectionString}");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A copy of this app started in another ASP.NET Core environment, on the same database.</summary>
    public WebApplicationFactory<Program> InEnvironment(string environment) =>
        WithWebHostBuilder(builder => builder.UseEnvironment(environment));

    public async Task<T> InDatabaseAsync<T>(Func<CashDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CashDbContext>());
    }

    public Task InDatabaseAsync(Func<CashDbContext, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InDatabaseAsync(async db =>
        {
            await work(db);
            return true;
        });
    }

    /// <summary>What <c>db seed</c> does after the migrations.</summary>
    public async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().SeedAsync(TestContext.Current.CancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Host settings reach WebApplication.CreateBuilder, where Program reads the database choice.
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddresses.FromHeader>());

        // Every test signs in from the same (absent) client address; the limiter has its own test.
        builder.UseSetting("RateLimits:SignInAttemptsPerWindow", "1000000");
        builder.UseSetting("RateLimits:HelpSubmissionsPerClientPerHour", "1000000");
        builder.UseSetting("RateLimits:HelpSubmissionsPerHour", "1000000");
        builder.UseSetting("RateLimits:FollowUpFailuresPerClient", "1000000");
        builder.UseSetting("RateLimits:FollowUpFailuresGlobal", "1000000");
        builder.UseSetting("RateLimits:FollowUpDelayMilliseconds", "0");
        builder.UseSetting("RateLimits:FollowUpRepliesPerThreadPerHour", "1000000");
        builder.UseSetting("RateLimits:FollowUpRepliesPerClientPerHour", "1000000");
    }
}

public sealed class SqliteCashApp() : CashApp(DatabaseProvider.Sqlite);

public sealed class PostgresCashApp() : CashApp(DatabaseProvider.Postgres);
