using Cash.Web.Data;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// What a rotation did: the new active key, how many values each column rewrote under it, and how
/// many it found unreadable (altered, or moved to another row or record) and left as they were.
/// </summary>
public sealed record KeyRotationResult(Guid ActiveKeyId, IReadOnlyDictionary<string, int> ReencryptedByColumn, IReadOnlyDictionary<string, int> UnreadableByColumn)
{
    public int TotalReencrypted => ReencryptedByColumn.Values.Sum();

    public int TotalUnreadable => UnreadableByColumn.Values.Sum();
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

        var reencrypted = new Dictionary<string, int>(StringComparer.Ordinal);
        var unreadable = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var count = await column.ReencryptAsync(db, cipher, logger, cancellationToken);
            db.ChangeTracker.Clear();
            reencrypted[column.Name] = count.Rewritten;
            unreadable[column.Name] = count.Unreadable;
            LogColumnReencrypted(logger, column.Name, count.Rewritten, count.Unreadable);
        }

        return new KeyRotationResult(activeKeyId, reencrypted, unreadable);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Field-encryption key rotated; active key {KeyId}")]
    private static partial void LogRotated(ILogger logger, Guid keyId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{Column}: {Count} value(s) re-encrypted under the active key, {Unreadable} unreadable left as they were")]
    private static partial void LogColumnReencrypted(ILogger logger, string column, int count, int unreadable);
}
