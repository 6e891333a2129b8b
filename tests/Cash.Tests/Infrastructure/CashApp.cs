using Cash.Web.Data;
using Cash.Web.Operations;
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
/// <para>
/// SQLite gets a fresh file in a temporary folder. PostgreSQL is provided from outside: the
/// environment variable <c>CASH_TEST_POSTGRES</c> holds an admin connection string to a throw-away
/// cluster (<c>./scripts/test.sh</c> starts one on 127.0.0.1 and sets it); each app instance creates
/// a uniquely named database there and drops it on dispose. Without the variable the PostgreSQL
/// tests fail, never skip. Details in <see cref="TestDatabase"/>.
/// </para>
/// <para>
/// What a test class needs beyond the defaults is composed from parts (<see cref="ICashAppPart"/>:
/// a <see cref="MailFolder"/>, <see cref="AppSettings"/> such as a test SMTP server's, a
/// <see cref="Clock"/>), passed to the constructor or added with <see cref="With"/> before the app
/// starts, never by subclassing and overriding <c>ConfigureWebHost</c>: a class that needs mail and
/// a clock takes both parts, not a new subclass per combination. xUnit needs a concrete type per
/// fixture, so each combination used by <c>IClassFixture</c> is one sealed line at the end of this
/// file (<see cref="SqliteMailFolderCashApp"/>); a one-off copy for a single test takes its parts
/// with <see cref="Using"/>.
/// </para>
/// </remarks>
public abstract class CashApp(DatabaseProvider provider, params ICashAppPart[] parts) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly List<ICashAppPart> parts = [.. parts];
    private TestDatabase? database;
    private bool configured;

    public DatabaseProvider Provider => provider;

    public TestDatabase Database => database ?? throw new InvalidOperationException("The app is not initialised yet.");

    /// <summary>The folder this app writes its mail to; the app must have been given a <see cref="MailFolder"/>.</summary>
    public MailFolder Mail => Part<MailFolder>();

    /// <summary>Adds a part; only before the app starts, since it shapes how the app is built.</summary>
    public CashApp With(ICashAppPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (configured)
        {
            throw new InvalidOperationException("The app has started already: give it its parts before.");
        }

        parts.Add(part);
        return this;
    }

    public T Part<T>()
        where T : ICashAppPart =>
        parts.OfType<T>().SingleOrDefault()
            ?? throw new InvalidOperationException($"This app has no {typeof(T).Name}: give it one with With(new {typeof(T).Name}(…)).");

    /// <summary>A copy of this app, on the same database, with more parts (a clock, a stricter limit…) for one test.</summary>
    public WebApplicationFactory<Program> Using(params ICashAppPart[] more) =>
        WithWebHostBuilder(builder =>
        {
            foreach (var part in more)
            {
                part.Configure(builder);
            }
        });

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

        foreach (var part in parts.OfType<IAsyncDisposable>())
        {
            await part.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A copy of this app started in another ASP.NET Core environment, on the same database.</summary>
    /// <remarks>Outside Development the app needs its public address to start; the test server's is <c>http://localhost</c>.</remarks>
    public WebApplicationFactory<Program> InEnvironment(string environment) =>
        WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            if (environment != Microsoft.Extensions.Hosting.Environments.Development)
            {
                builder.UseSetting(SiteAddress.ConfigurationKey, "http://localhost");
            }
        });

    /// <summary>What a saved change of the directory does to the public pages: the next visit renders them afresh.</summary>
    public async Task EvictPublicPagesAsync() =>
        await Services.GetRequiredService<PublicContentChanges>().PublishAsync(
            new HashSet<string> { Cash.Web.Domain.PublicContentKinds.Directory }, TestContext.Current.CancellationToken);

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
        builder.UseSetting("RateLimits:PasswordResetRequestsPerClientPerHour", "1000000");
        builder.UseSetting("RateLimits:HelpSubmissionsPerClientPerHour", "1000000");
        builder.UseSetting("RateLimits:HelpSubmissionsPerHour", "1000000");
        builder.UseSetting("RateLimits:FollowUpFailuresPerClient", "1000000");
        builder.UseSetting("RateLimits:FollowUpFailuresGlobal", "1000000");
        builder.UseSetting("RateLimits:FollowUpDelayMilliseconds", "0");
        builder.UseSetting("RateLimits:FollowUpRepliesPerThreadPerHour", "1000000");
        builder.UseSetting("RateLimits:FollowUpRepliesPerClientPerHour", "1000000");

        foreach (var part in parts)
        {
            part.Configure(builder);
        }

        configured = true;
    }
}

public sealed class SqliteCashApp() : CashApp(DatabaseProvider.Sqlite);

public sealed class PostgresCashApp() : CashApp(DatabaseProvider.Postgres);

public sealed class SqliteMailFolderCashApp() : CashApp(DatabaseProvider.Sqlite, new MailFolder());

public sealed class PostgresMailFolderCashApp() : CashApp(DatabaseProvider.Postgres, new MailFolder());

/// <summary>An app that leaves its database as it found it on start (no migration, no seed): tests migrate it step by step.</summary>
public sealed class SqliteUnmigratedCashApp() : CashApp(DatabaseProvider.Sqlite, Unmigrated.Settings);

public sealed class PostgresUnmigratedCashApp() : CashApp(DatabaseProvider.Postgres, Unmigrated.Settings);

internal static class Unmigrated
{
    public static AppSettings Settings => new([new("Database:MigrateOnStartup", "false"), new("Database:SeedOnStartup", "false")]);
}
