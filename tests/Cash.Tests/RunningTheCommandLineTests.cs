using Cash.Web.Audit;
using Cash.Web.Security;
using Cash.Tests.Infrastructure;
using Cash.Web.Cli;
using Cash.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Cash.Tests;

/// <summary>The application executable is also the tool an operator runs: <c>db migrate</c>, <c>db seed</c>.</summary>
public abstract class RunningTheCommandLineTests(DatabaseProvider provider)
{
    [Fact]
    public async Task DbSeedFillsAnEmptyDatabaseWithTheLeafletsDirectory()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var first = await CashWebProcess.RunAsync(database, "db", "seed");
        var second = await CashWebProcess.RunAsync(database, "db", "seed");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        await using var db = database.OpenContext();
        Assert.Equal(
            Leaflet.Slugs.Order(StringComparer.Ordinal),
            await db.PartnerServices.Select(s => s.Slug).OrderBy(s => s).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(30, await db.PartnerServiceTexts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnUnknownCommandExitsWithCode2AndShowsTheUsage()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var run = await CashWebProcess.RunAsync(database, "db", "frobnicate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("db seed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsyncSeedsAndRefusesUnknownCommandsInProcess()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Configuration.AddInMemoryCollection(database.Settings);
        builder.AddCashData();
        builder.AddCashProtection();
        builder.AddCashAudit();
        await using var app = builder.Build();

        Assert.Equal(2, await CommandLine.RunAsync(app, ["seed"]));
        Assert.Equal(0, await CommandLine.RunAsync(app, ["db", "seed"]));

        await using var db = database.OpenContext();
        Assert.Equal(10, await db.PartnerServices.CountAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class RunningTheCommandLineOnSqlite() : RunningTheCommandLineTests(DatabaseProvider.Sqlite);

public sealed class RunningTheCommandLineOnPostgres() : RunningTheCommandLineTests(DatabaseProvider.Postgres);
