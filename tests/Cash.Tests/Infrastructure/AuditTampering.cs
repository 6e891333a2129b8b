using System.Security.Cryptography;
using Cash.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// What someone with write access to the database, but without the master key, could do to the
/// audit trail: plain SQL on the table, bypassing the application.
/// </summary>
public static class AuditTampering
{
    public static async Task ExecuteAsync(TestDatabase database, FormattableString sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.OpenContext();
        await db.Database.ExecuteSqlAsync(sql, cancellationToken);
    }

    /// <summary>Empties the trail so the next entry starts a new chain at 1 (test set-up, not tampering).</summary>
    public static Task ClearAsync(TestDatabase database, CancellationToken cancellationToken) =>
        ExecuteAsync(database, $"""DELETE FROM "AuditEntries" """, cancellationToken);

    public static async Task ShiftTimeAsync(TestDatabase database, long sequence, TimeSpan by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.OpenContext();
        var at = await db.AuditEntries.Where(e => e.Sequence == sequence).Select(e => e.At).SingleAsync(cancellationToken);
        await SetTimeAsync(database, sequence, at + by, cancellationToken);
    }

    public static Task SetTimeAsync(TestDatabase database, long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(database, $"""UPDATE "AuditEntries" SET "At" = {StoredTime(database, at)} WHERE "Sequence" = {sequence}""", cancellationToken);

    /// <summary>Moves every entry from <paramref name="from"/> on by <paramref name="delta"/> places (in two steps, as the numbers are unique).</summary>
    public static async Task RenumberAsync(TestDatabase database, long from, long delta, CancellationToken cancellationToken)
    {
        await ExecuteAsync(database, $"""UPDATE "AuditEntries" SET "Sequence" = -"Sequence" WHERE "Sequence" >= {from}""", cancellationToken);
        await ExecuteAsync(database, $"""UPDATE "AuditEntries" SET "Sequence" = -"Sequence" + {delta} WHERE "Sequence" < 0""", cancellationToken);
    }

    public static async Task SwapAsync(TestDatabase database, long first, long second, CancellationToken cancellationToken)
    {
        await ExecuteAsync(database, $"""UPDATE "AuditEntries" SET "Sequence" = 0 WHERE "Sequence" = {first}""", cancellationToken);
        await ExecuteAsync(database, $"""UPDATE "AuditEntries" SET "Sequence" = {first} WHERE "Sequence" = {second}""", cancellationToken);
        await ExecuteAsync(database, $"""UPDATE "AuditEntries" SET "Sequence" = {second} WHERE "Sequence" = 0""", cancellationToken);
    }

    /// <summary>Adds an entry that looks genuine but whose hash is made up, as the key is out of reach.</summary>
    public static Task InsertForgedAsync(TestDatabase database, long sequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            database,
            $"""
            INSERT INTO "AuditEntries" ("Sequence", "At", "ActorId", "PartnerServiceId", "Action", "EntityType", "EntityId", "Outcome", "Hash")
            VALUES ({sequence}, {StoredTime(database, at)}, NULL, NULL, 'record.read', 'PartnerService', '1', 'Success', {RandomNumberGenerator.GetBytes(32)})
            """,
            cancellationToken);

    /// <summary>A time as the column holds it: an integer on SQLite (see <see cref="SqliteCashDbContext"/>), a timestamptz on PostgreSQL.</summary>
    private static object StoredTime(TestDatabase database, DateTimeOffset at) =>
        database.Provider == DatabaseProvider.Sqlite
            ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(at.ToUniversalTime())!
            : at.ToUniversalTime();
}
