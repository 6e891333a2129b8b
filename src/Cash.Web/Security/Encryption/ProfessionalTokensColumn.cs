using Cash.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Security.Encryption;

/// <summary>The user tokens written by <see cref="ProtectedUserStore"/>, re-encrypted on key rotation.</summary>
internal sealed partial class ProfessionalTokensColumn(ILogger<ProfessionalTokensColumn> logger) : IEncryptedColumn
{
    private const int BatchSize = 200;

    public string Name => $"{ProtectedUserStore.Table}.{ProtectedUserStore.Column}";

    public async Task<int> ReencryptAsync(CashDbContext db, FieldCipher cipher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cipher);
        var rewritten = 0;
        for (var skip = 0; ; skip += BatchSize)
        {
            // Rewrites keep every key, so paging by position over the key order neither skips nor repeats a row.
            var batch = await db.UserTokens.AsNoTracking()
                .Where(t => t.Value != null)
                .OrderBy(t => t.UserId).ThenBy(t => t.LoginProvider).ThenBy(t => t.Name)
                .Skip(skip).Take(BatchSize)
                .Select(t => new { t.UserId, t.LoginProvider, t.Name, Value = t.Value! })
                .ToListAsync(cancellationToken);

            foreach (var token in batch)
            {
                byte[]? fresh;
                try
                {
                    fresh = await cipher.ReencryptAsync(
                        ProtectedUserStore.Decode(token.Value), ProtectedUserStore.Binding(token.UserId, token.LoginProvider, token.Name), cancellationToken);
                }
                catch (FieldDecryptionException)
                {
                    // Already unreadable (altered or copied from another row): rotating cannot repair it,
                    // and must not stop for it. Its owner re-enrols two-factor.
                    LogUnreadable(logger, Name, token.UserId);
                    continue;
                }

                if (fresh is null)
                {
                    continue;
                }

                // Only if unchanged since read: a recovery code redeemed meanwhile must not come back.
                var value = Convert.ToBase64String(fresh);
                rewritten += await db.UserTokens
                    .Where(t => t.UserId == token.UserId && t.LoginProvider == token.LoginProvider && t.Name == token.Name && t.Value == token.Value)
                    .ExecuteUpdateAsync(setters => setters.SetProperty(t => t.Value, value), cancellationToken);
            }

            if (batch.Count < BatchSize)
            {
                return rewritten;
            }
        }
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "{Column}: a token of professional {ProfessionalId} cannot be decrypted and was left as it is")]
    private static partial void LogUnreadable(ILogger logger, string column, Guid professionalId);
}
