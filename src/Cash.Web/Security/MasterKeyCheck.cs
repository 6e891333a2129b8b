using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Security;

/// <summary>
/// Ties the master key to the database it protects. A database holds data sealed under a master key
/// as soon as it has a data key, a Data Protection key or an audit entry; from then on a key file
/// is never created for it (<see cref="SealedDataIn"/>), and the application starts only with a
/// master key that opens at least one of them (<see cref="EnsureItOpensTheDatabaseAsync"/>).
/// </summary>
/// <remarks>
/// One row that opens is proof enough: nobody without the master key can make one. So a database
/// where someone altered some rows still starts (the rings refuse those rows one by one), while a
/// wrong key, or a lost key file replaced by a new one, stops the start before anything is sealed
/// under it: new data sealed beside old data nobody can open any more, and an audit trail that
/// verifies as broken although nobody touched it, would be far worse than not starting.
/// </remarks>
internal static partial class MasterKeyCheck
{
    /// <summary>What the database holds sealed under some master key, in words for a message; null when nothing yet.</summary>
    /// <exception cref="MasterKeyException">The database does not answer, so nobody can tell whether a new key would be safe.</exception>
    public static string? SealedDataIn(IServiceProvider services, string keyFile)
    {
        try
        {
            return SealedDataIn(services);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error))
        {
            // A key created now might not be the one the database was sealed with: refuse rather than guess.
            throw new MasterKeyException(
                $"The master key file {keyFile} is missing and the database does not answer, so whether it already holds data sealed under a master key cannot be told. " +
                $"No new key was created. Start again once the database answers, or restore {keyFile} (or give the key in {MasterKey.ConfigurationKey}).");
        }
    }

    private static string? SealedDataIn(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();

        // A database not created or not migrated yet holds nothing (and asking creates no SQLite file).
        if (!db.Database.GetAppliedMigrations().Any())
        {
            return null;
        }

        List<string> found = [];
        if (db.DataKeys.Any())
        {
            found.Add("field-encryption keys");
        }

        if (db.DataProtectionKeys.Any())
        {
            found.Add("Data Protection keys");
        }

        if (db.AuditEntries.Any())
        {
            found.Add("an audit trail");
        }

        return found.Count == 0 ? null : string.Join(", ", found);
    }

    /// <summary>Stops with a <see cref="MasterKeyException"/> when the database holds sealed data and the master key opens none of it.</summary>
    public static async Task EnsureItOpensTheDatabaseAsync(IServiceProvider scopedServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopedServices);
        var masterKey = scopedServices.GetRequiredService<MasterKey>();
        var db = scopedServices.GetRequiredService<CashDbContext>();
        if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        List<string> unopened = [];
        var dataKeys = await db.DataKeys.AsNoTracking().ToListAsync(cancellationToken);
        if (dataKeys.Count > 0)
        {
            if (dataKeys.Any(k => FieldKeyRing.IsSealedUnder(masterKey, k)))
            {
                return;
            }

            unopened.Add("field-encryption keys");
        }

        var protectionKeys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken);
        if (protectionKeys.Count > 0)
        {
            if (protectionKeys.Any(xml => SealedDataProtectionKeys.IsSealedUnder(masterKey, xml)))
            {
                return;
            }

            unopened.Add("Data Protection keys");
        }

        if (await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) is { } last)
        {
            if (await AuditTrailIsSealedUnderAsync(db, masterKey, last, cancellationToken))
            {
                return;
            }

            unopened.Add("the audit trail");
        }

        if (unopened.Count > 0)
        {
            var restore = masterKey.Source == MasterKey.ConfigurationKey
                ? $"Set {MasterKey.ConfigurationKey} to the key this database was sealed with, from your backup of the master key."
                : $"Restore {masterKey.Source} from your backup of the master key (or give that key in {MasterKey.ConfigurationKey}).";
            throw new MasterKeyException(
                $"The master key from {masterKey.Source} is not the one this database was sealed with: it opens none of its {string.Join(", ", unopened)}. " +
                $"{restore} Nothing was changed.");
        }
    }

    /// <summary>Writes why the start was refused where an operator looks (the log and the standard error) and gives the exit code.</summary>
    public static int RefuseToStart(WebApplication app, MasterKeyException refused)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(refused);
        LogRefused(app.Logger, refused.Message);
        Console.Error.WriteLine(refused.Message);
        return 1;
    }

    /// <summary>The first entry, chained to the genesis hash, or the last, chained to the one before: either sealing as stored proves the key.</summary>
    private static async Task<bool> AuditTrailIsSealedUnderAsync(CashDbContext db, MasterKey masterKey, long last, CancellationToken cancellationToken)
    {
        var seal = new AuditSeal(masterKey);
        var entries = (await StoredAuditEntries.NumberedAsync(db, [1, last - 1, last], cancellationToken))
            .Where(e => e.Entry is not null)
            .ToDictionary(e => e.Sequence, e => e.Entry!);
        return (entries.TryGetValue(1, out var first) && seal.Seals(first, 1, AuditSeal.Genesis))
            || (entries.TryGetValue(last, out var newest) && entries.TryGetValue(last - 1, out var previous) && seal.Seals(newest, last, previous.Hash));
    }

    [LoggerMessage(EventId = 5012, Level = LogLevel.Critical, Message = "The application did not start: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
