using Cash.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Data;

/// <summary>Applies migrations and the leaflet seed, at start-up and from the command line.</summary>
public sealed partial class DatabaseInitializer(CashDbContext db, ILogger<DatabaseInitializer> logger)
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

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, db.Database.ProviderName, pending);
    }

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var added = await new DirectorySeeder(db).SeedAsync(cancellationToken);
        LogSeeded(logger, added);
        await new OrientationRuleSeeder(db).SeedAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated on {Provider}; {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string? provider, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory seed applied; {Count} service(s) added")]
    private static partial void LogSeeded(ILogger logger, int count);
}
