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

/// <summary>
/// The application executable is also the tool an operator runs: <c>db migrate</c>, <c>db seed</c>,
/// <c>users invite</c>, <c>audit verify</c>, <c>keys rotate</c>, <c>seed demo</c>.
/// </summary>
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

    [Fact]
    public async Task UsersInviteCreatesTheFirstAdministratorsInvitationAndPrintsItsLink()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var run = await CashWebProcess.RunAsync(database, "users", "invite", "--email", "first.admin@example.be", "--role", "Administrator");

        Assert.True(run.ExitCode == 0, run.ToString());
        var link = run.Output.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/pro/invitation/", StringComparison.Ordinal));
        var token = link[(link.LastIndexOf('/') + 1)..];
        await using var db = database.OpenContext();
        var invitation = await db.Invitations.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("first.admin@example.be", Cash.Web.Domain.People.ProRole.Administrator), (invitation.Email, invitation.Role));
        // Only a keyed hash is stored: not even the token's plain SHA-256.
        Assert.Equal(32, invitation.TokenHash.Length);
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), invitation.TokenHash);
        Assert.DoesNotContain("first.admin@example.be", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--email", "not-an-address", "--role", "Administrator")]
    [InlineData("--email", "someone@example.be", "--role", "Boss")]
    [InlineData("--email", "someone@example.be", "--role", "Member")]
    [InlineData("--email", "someone@example.be", "--role", "Member", "--service", "no-such-service")]
    public async Task UsersInviteRefusesWhatItCannotDoAndSaysWhy(params string[] options)
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var run = await CashWebProcess.RunAsync(database, ["users", "invite", .. options]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.False(string.IsNullOrWhiteSpace(run.Error));
        await using var db = database.OpenContext();
        Assert.Equal(0, await db.Invitations.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AuditVerifyExitsNonZeroOnceAnEntryIsAlteredDeletedOrInserted()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        foreach (var email in new[] { "a@example.be", "b@example.be", "c@example.be", "d@example.be" })
        {
            Assert.Equal(0, (await CashWebProcess.RunAsync(database, "users", "invite", "--email", email, "--role", "Administrator")).ExitCode);
        }

        var intact = await CashWebProcess.RunAsync(database, "audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.ToString());

        await AuditTampering.ExecuteAsync(database, $"""UPDATE "AuditEntries" SET "EntityId" = 'someone-else' WHERE "Sequence" = 12""", TestContext.Current.CancellationToken);
        var altered = await CashWebProcess.RunAsync(database, "audit", "verify");
        Assert.True(altered.ExitCode == 1, altered.ToString());
        Assert.Contains("12", altered.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("inserted")]
    public async Task AuditVerifySeesADeletedOrAnInsertedEntry(string tampering)
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CashWebProcess.RunAsync(database, "db", "seed")).ExitCode);
        Assert.Equal(0, (await CashWebProcess.RunAsync(database, "audit", "verify")).ExitCode);

        if (tampering == "deleted")
        {
            await AuditTampering.ExecuteAsync(database, $"""DELETE FROM "AuditEntries" WHERE "Sequence" = 5""", TestContext.Current.CancellationToken);
        }
        else
        {
            await AuditTampering.RenumberAsync(database, 5, 1, TestContext.Current.CancellationToken);
            await AuditTampering.InsertForgedAsync(database, 5, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        }

        var run = await CashWebProcess.RunAsync(database, "audit", "verify");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(tampering == "deleted" ? "missing" : "inserted", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerifyReportsAnEntryItCannotReadAsBrokenWithoutAStackTrace()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CashWebProcess.RunAsync(database, "db", "seed")).ExitCode);

        await AuditTampering.ExecuteAsync(database, $"""UPDATE "AuditEntries" SET "Outcome" = 99 WHERE "Sequence" = 3""", TestContext.Current.CancellationToken);
        var run = await CashWebProcess.RunAsync(database, "audit", "verify");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("BROKEN at entry 3:", run.Output, StringComparison.Ordinal);
        Assert.Contains("cannot be read", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRotateStartsANewKeyAndKeepsTheOldOneForReading()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var first = await CashWebProcess.RunAsync(database, "keys", "rotate");
        var second = await CashWebProcess.RunAsync(database, "keys", "rotate");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        await using var db = database.OpenContext();
        var keys = await db.DataKeys.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Single(keys, k => k.RetiredAt is null);
        Assert.True(keys.Count >= 2);
        Assert.Contains(keys.Single(k => k.RetiredAt is null).Id.ToString(), second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedDemoRefusesOutsideDevelopment()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var run = await CashWebProcess.RunAsync(database, "seed", "demo");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Development", run.Error, StringComparison.Ordinal);
        await using var db = database.OpenContext();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SeedDemoCreatesOneAccountPerRoleInDevelopment()
    {
        await using var database = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var run = await CashWebProcess.RunInEnvironmentAsync(database, "Development", "seed", "demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        await using var db = database.OpenContext();
        var roles = await db.Users.AsNoTracking().Select(p => p.Role).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Enum.GetValues<Cash.Web.Domain.People.ProRole>().Order(), roles.Order());
        Assert.True(await db.Users.AllAsync(p => p.TwoFactorEnabled, TestContext.Current.CancellationToken));
        Assert.Contains(Cash.Web.Cli.DemoSeed.TotpSecret, run.Output, StringComparison.Ordinal);
        var tokens = await db.UserTokens.AsNoTracking().Select(t => t.Value).ToListAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(tokens, t => t != null && t.Contains(Cash.Web.Cli.DemoSeed.TotpSecret, StringComparison.Ordinal));
    }
}

public sealed class RunningTheCommandLineOnSqlite() : RunningTheCommandLineTests(DatabaseProvider.Sqlite);

public sealed class RunningTheCommandLineOnPostgres() : RunningTheCommandLineTests(DatabaseProvider.Postgres);
