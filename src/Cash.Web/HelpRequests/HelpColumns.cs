using Cash.Web.Data;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Where the help requests' encrypted fields live and how they are bound: the associated data of
/// each blob names its table, column and row, so a blob copied to another row or column does not decrypt.
/// </summary>
public static class HelpColumns
{
    public static FieldBinding Text(Guid requestId) => new("HelpRequests", "Text", requestId.ToString());

    public static FieldBinding Contact(Guid requestId) => new("HelpRequests", "Contact", requestId.ToString());

    public static FieldBinding MessageBody(Guid messageId) => new("HelpMessages", "Body", messageId.ToString());
}

/// <summary>Re-encrypts the requests' free text and contact details on key rotation.</summary>
internal sealed partial class HelpRequestColumns(ILogger<HelpRequestColumns> logger) : IEncryptedColumn
{
    private const int BatchSize = 200;

    public string Name => "HelpRequests.Text, HelpRequests.Contact";

    public async Task<int> ReencryptAsync(CashDbContext db, FieldCipher cipher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cipher);
        var rewritten = 0;
        for (var skip = 0; ; skip += BatchSize)
        {
            var batch = await db.HelpRequests.AsNoTracking()
                .OrderBy(r => r.Id).Skip(skip).Take(BatchSize)
                .Select(r => new { r.Id, r.Text, r.Contact })
                .ToListAsync(cancellationToken);
            foreach (var row in batch)
            {
                var text = await FreshAsync(cipher, row.Text, HelpColumns.Text(row.Id), row.Id, cancellationToken);
                if (text is not null)
                {
                    rewritten += await db.HelpRequests.Where(r => r.Id == row.Id && r.Text == row.Text)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Text, text), cancellationToken);
                }

                var contact = row.Contact is null ? null : await FreshAsync(cipher, row.Contact, HelpColumns.Contact(row.Id), row.Id, cancellationToken);
                if (contact is not null)
                {
                    rewritten += await db.HelpRequests.Where(r => r.Id == row.Id && r.Contact == row.Contact)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Contact, contact), cancellationToken);
                }
            }

            if (batch.Count < BatchSize)
            {
                return rewritten;
            }
        }
    }

    private async Task<byte[]?> FreshAsync(FieldCipher cipher, byte[] blob, FieldBinding binding, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await cipher.ReencryptAsync(blob, binding, cancellationToken);
        }
        catch (FieldDecryptionException)
        {
            LogUnreadable(logger, binding.Column, id);
            return null;
        }
    }

    [LoggerMessage(EventId = 4601, Level = LogLevel.Warning, Message = "HelpRequests.{Column} of request {RequestId} cannot be decrypted and was left as it is")]
    private static partial void LogUnreadable(ILogger logger, string column, Guid requestId);
}

/// <summary>Re-encrypts the threads' messages on key rotation.</summary>
internal sealed partial class HelpMessageColumn(ILogger<HelpMessageColumn> logger) : IEncryptedColumn
{
    private const int BatchSize = 200;

    public string Name => "HelpMessages.Body";

    public async Task<int> ReencryptAsync(CashDbContext db, FieldCipher cipher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cipher);
        var rewritten = 0;
        for (var skip = 0; ; skip += BatchSize)
        {
            var batch = await db.HelpMessages.AsNoTracking()
                .OrderBy(m => m.Id).Skip(skip).Take(BatchSize)
                .Select(m => new { m.Id, m.Body })
                .ToListAsync(cancellationToken);
            foreach (var row in batch)
            {
                byte[]? fresh;
                try
                {
                    fresh = await cipher.ReencryptAsync(row.Body, HelpColumns.MessageBody(row.Id), cancellationToken);
                }
                catch (FieldDecryptionException)
                {
                    LogUnreadable(logger, row.Id);
                    continue;
                }

                if (fresh is not null)
                {
                    rewritten += await db.HelpMessages.Where(m => m.Id == row.Id && m.Body == row.Body)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Body, fresh), cancellationToken);
                }
            }

            if (batch.Count < BatchSize)
            {
                return rewritten;
            }
        }
    }

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Message {MessageId} cannot be decrypted and was left as it is")]
    private static partial void LogUnreadable(ILogger logger, Guid messageId);
}
