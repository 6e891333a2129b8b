using Cash.Web.Data;

namespace Cash.Web.Security.Encryption;

/// <summary>What a rotation did: the new active key and how many values each column rewrote.</summary>
public sealed record KeyRotationResult(Guid ActiveKeyId, IReadOnlyDictionary<string, int> ReencryptedByColumn)
{
    public int TotalReencrypted => ReencryptedByColumn.Values.Sum();
}

/// <summary>
/// Rotates the field-encryption key ring, then re-encrypts every registered <see cref="IEncryptedColumn"/>
/// under the new key. Old values stay readable throughout (retired keys still decrypt), so the
/// application keeps serving while it runs, and a rotation stopped half-way is simply run again.
/// </summary>
public sealed partial class KeyRotation(
    FieldKeyRing keyRing,
    FieldCipher cipher,
    IEnumerable<IEncryptedColumn> columns,
    CashDbContext db,
    ILogger<KeyRotation> logger)
{
    public async Task<KeyRotationResult> RotateAsync(CancellationToken cancellationToken = default)
    {
        var activeKeyId = await keyRing.RotateAsync(cancellationToken);
        LogRotated(logger, activeKeyId);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            counts[column.Name] = await column.ReencryptAsync(db, cipher, logger, cancellationToken);
            db.ChangeTracker.Clear();
            LogColumnReencrypted(logger, column.Name, counts[column.Name]);
        }

        return new KeyRotationResult(activeKeyId, counts);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Field-encryption key rotated; active key {KeyId}")]
    private static partial void LogRotated(ILogger logger, Guid keyId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{Column}: {Count} value(s) re-encrypted under the active key")]
    private static partial void LogColumnReencrypted(ILogger logger, string column, int count);
}
