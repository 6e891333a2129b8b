using Cash.Web.Data.Seed;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Data;

/// <summary>Applies migrations and the leaflet seed, at start-up and from the command line.</summary>
public sealed partial class DatabaseInitializer(CashDbContext db, IServiceProvider services, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // WAL is a property of the file: set once, it stays. Readers then never block the writer.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();

        // Secrets sealed before they named their record are sealed again once, with the master key,
        // between the migration that makes room for it and the one that drops what it reads.
        if (pending.Any(id => IsNamed(id, BindingUpgrade.BeforeMigration)))
        {
            if (pending.Any(id => IsNamed(id, BindingUpgrade.AfterMigration)))
            {
                await MigrateOnlyUpToAsync(BindingUpgrade.AfterMigration, cancellationToken);
            }

            await services.GetRequiredService<BindingUpgrade>().RunAsync(cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, db.Database.ProviderName, pending.Count);
    }

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var added = await new DirectorySeeder(db).SeedAsync(cancellationToken);
        LogSeeded(logger, added);
        await new OrientationRuleSeeder(db).SeedAsync(cancellationToken);
        await new Procedures.ProcedureSeeder(db, services.GetRequiredService<TimeProvider>()).SeedAsync(cancellationToken);
        await new Publications.PublicationSeeder(db, services.GetRequiredService<TimeProvider>()).SeedAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the pending migrations up to <paramref name="name"/>, never reverting one: a migration
    /// after it that is applied already (a database changed by hand) stops the start instead.
    /// </summary>
    private async Task MigrateOnlyUpToAsync(string name, CancellationToken cancellationToken)
    {
        var all = db.Database.GetMigrations().ToList();
        var target = all.Single(id => IsNamed(id, name));
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (applied.Any(id => string.CompareOrdinal(id, target) > 0))
        {
            throw new InvalidOperationException(
                $"The database has migrations applied after {target} while {target} itself is not: it was changed outside the application. Restore it from a backup.");
        }

        await db.Database.MigrateAsync(target, cancellationToken);
    }

    private static bool IsNamed(string migrationId, string name) => migrationId.EndsWith("_" + name, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated on {Provider}; {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string? provider, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory seed applied; {Count} service(s) added")]
    private static partial void LogSeeded(ILogger logger, int count);
}
