using Cash.Web.Security;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Data;

internal static partial class DatabaseStartup
{
    /// <summary>
    /// Establishes the master key, migrates, checks the key against what the database holds, then
    /// seeds, unless <c>Database:MigrateOnStartup</c> / <c>Database:SeedOnStartup</c> say no.
    /// </summary>
    /// <exception cref="MasterKeyException">The master key is missing or is not this database's; nothing was written.</exception>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        // The master key before anything is written: a missing key file is created only for a
        // database that holds nothing sealed yet, and it is on the disk before anything is sealed under it.
        var masterKey = app.Services.GetRequiredService<MasterKey>();

        using var scope = app.Services.CreateScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await initializer.MigrateAsync();
        }

        // Before the seed writes audit entries under it: a key that is not this database's stops here.
        await MasterKeyCheck.EnsureItOpensTheDatabaseAsync(scope.ServiceProvider, CancellationToken.None);
        // Only on a migrated database: one left unmigrated on purpose (Database:MigrateOnStartup=false,
        // migrations run by `db migrate`) may not have the table yet.
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var removed = (await db.Database.GetAppliedMigrationsAsync()).Any()
            ? await SealedDataProtectionKeys.RemoveKeysOfEarlierVersionsAsync(db, masterKey, CancellationToken.None)
            : 0;
        if (removed > 0)
        {
            LogEarlierProtectionKeysRemoved(app.Logger, removed);
        }

        if (app.Configuration.GetValue("Database:SeedOnStartup", true))
        {
            await initializer.SeedAsync();
        }
    }

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information,
        Message = "{Count} Data Protection key element(s) written by an earlier version, whose dates were not sealed, were removed: sessions and follow-up tickets issued before this version end")]
    private static partial void LogEarlierProtectionKeysRemoved(ILogger logger, int count);
}
