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
        var migrate = app.Configuration.GetValue("Database:MigrateOnStartup", true);
        if (migrate)
        {
            await initializer.MigrateAsync();
        }

        try
        {
            await CheckKeysAsync(app, scope.ServiceProvider, masterKey);
        }
        catch (Exception error) when (!migrate && DatabaseErrors.IsUnavailable(error))
        {
            // An instance whose migrations are run apart (`db migrate`) may start before its database
            // answers, and serve what needs no database meanwhile (/health says Unhealthy). The key is
            // then checked at its next start, and by the commands that seal (`db seed`, `keys rotate`...).
            LogKeyCheckDeferred(app.Logger);
            return;
        }

        if (app.Configuration.GetValue("Database:SeedOnStartup", true))
        {
            await initializer.SeedAsync();
        }
    }

    private static async Task CheckKeysAsync(WebApplication app, IServiceProvider services, MasterKey masterKey)
    {
        // Before the seed writes audit entries under it: a key that is not this database's stops here.
        await MasterKeyCheck.EnsureItOpensTheDatabaseAsync(services, CancellationToken.None);

        // Only on a migrated database: one left unmigrated on purpose (Database:MigrateOnStartup=false,
        // migrations run by `db migrate`) may not have the table yet.
        var db = services.GetRequiredService<CashDbContext>();
        var removed = (await db.Database.GetAppliedMigrationsAsync()).Any()
            ? await SealedDataProtectionKeys.RemoveKeysOfEarlierVersionsAsync(db, masterKey, CancellationToken.None)
            : 0;
        if (removed > 0)
        {
            LogEarlierProtectionKeysRemoved(app.Logger, removed);
        }
    }

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning,
        Message = "The database did not answer at start-up: the master key was not checked against it; it is at the next start and by the commands that seal")]
    private static partial void LogKeyCheckDeferred(ILogger logger);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information,
        Message = "{Count} Data Protection key element(s) written by an earlier version, whose dates were not sealed, were removed: sessions and follow-up tickets issued before this version end")]
    private static partial void LogEarlierProtectionKeysRemoved(ILogger logger, int count);
}
