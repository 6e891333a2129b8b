using Cash.Web.Audit;
using Cash.Web.Domain.Audit;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Opens a sealed text where a page shows it. A value that does not open under its binding (altered,
/// or moved from another row, column or record) is never shown: it comes back unreadable, the event is
/// logged by table, column and row (never by content) and audited as <c>record.unreadable</c> against
/// the record the page shows. Every feature's reader opens its columns through this one.
/// </summary>
public sealed partial class SealedTextReader(FieldCipher cipher, AuditTrail audit, ILogger<SealedTextReader> logger)
{
    public async Task<OpenedText> OpenAsync(byte[]? stored, FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (stored is null)
        {
            return new OpenedText(null, Unreadable: false);
        }

        try
        {
            return new OpenedText(await cipher.DecryptAsync(stored, binding, cancellationToken), Unreadable: false);
        }
        catch (FieldDecryptionException)
        {
            await UnreadableAsync(binding, entityType, entityId, cancellationToken);
            return new OpenedText(null, Unreadable: true);
        }
    }

    /// <summary>Logs and audits a value that did not open (for a reader of bytes, which opens them itself).</summary>
    public async Task UnreadableAsync(FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        LogUnreadable(logger, binding.Table, binding.Column, binding.RowId);
        await audit.RecordAsync(AuditActions.Unreadable, AuditOutcome.Failure, entityType, entityId.ToString(), cancellationToken: cancellationToken);
    }

    [LoggerMessage(EventId = 4861, Level = LogLevel.Warning, Message = "{Table}.{Column} of row {RowId} cannot be decrypted: altered, or moved from another row or record; shown as unreadable")]
    private static partial void LogUnreadable(ILogger logger, string table, string column, string rowId);
}

/// <summary>A sealed text as opened: its value, none, or one that cannot be read.</summary>
public readonly record struct OpenedText(string? Text, bool Unreadable);
