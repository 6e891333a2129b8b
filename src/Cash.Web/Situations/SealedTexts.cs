using Cash.Web.Audit;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Situations;

/// <summary>
/// Opens a situation's encrypted values for a page: journal texts, documents' names and contents.
/// A value that does not open where it is found — altered, or moved to another row, situation,
/// service or sharing tier by someone writing to the database — is never shown and never stops the
/// page: it comes back as <see langword="null"/>, the page says it cannot be read, and the event goes
/// to the audit trail (and the log, by row, never by content), as <c>HelpTexts</c> does for requests.
/// </summary>
public sealed partial class SealedTexts(FieldCipher cipher, AuditTrail audit, ILogger<SealedTexts> logger)
{
    /// <summary>The entry's text, or null when it was erased or cannot be read.</summary>
    public Task<string?> EntryTextAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Text is null
            ? Task.FromResult<string?>(null)
            : OpenAsync(entry.Text, SituationColumns.EntryText(entry), nameof(JournalEntry), entry.Id, cancellationToken);
    }

    /// <summary>A document's name as it was handed over, or null when it was erased or cannot be read.</summary>
    public Task<string?> DocumentNameAsync(Guid documentId, Guid situationId, byte[]? name, CancellationToken cancellationToken) =>
        name is null
            ? Task.FromResult<string?>(null)
            : OpenAsync(name, SituationColumns.DocumentName(documentId, situationId), nameof(SituationDocument), documentId, cancellationToken);

    /// <summary>A document's bytes, or null when it was erased or cannot be read.</summary>
    public async Task<byte[]?> DocumentContentAsync(SituationDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Content is null)
        {
            return null;
        }

        var binding = SituationColumns.DocumentContent(document.Id, document.SituationId);
        try
        {
            return await cipher.DecryptBytesAsync(document.Content, binding, cancellationToken);
        }
        catch (FieldDecryptionException)
        {
            await UnreadableAsync(binding, nameof(SituationDocument), document.Id, cancellationToken);
            return null;
        }
    }

    private async Task<string?> OpenAsync(byte[] stored, FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken)
    {
        try
        {
            return await cipher.DecryptAsync(stored, binding, cancellationToken);
        }
        catch (FieldDecryptionException)
        {
            await UnreadableAsync(binding, entityType, entityId, cancellationToken);
            return null;
        }
    }

    private async Task UnreadableAsync(FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken)
    {
        LogUnreadable(logger, binding.Table, binding.Column, binding.RowId);
        await audit.RecordAsync(AuditActions.Unreadable, AuditOutcome.Failure, entityType, entityId.ToString(), cancellationToken: cancellationToken);
    }

    [LoggerMessage(EventId = 4861, Level = LogLevel.Warning, Message = "{Table}.{Column} of row {RowId} cannot be decrypted: altered, or moved from another row or record; shown as unreadable")]
    private static partial void LogUnreadable(ILogger logger, string table, string column, string rowId);
}
