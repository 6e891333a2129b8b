using Cash.Web.Data;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Identity's user store with the user tokens — the TOTP authenticator key and the recovery
/// codes — encrypted by <see cref="FieldCipher"/> and bound to their row, so a stolen database
/// cannot be used to compute second-factor codes or redeem a recovery code.
/// </summary>
/// <remarks>
/// Every token read and write of <see cref="UserStoreBase{TUser, TKey, TUserClaim, TUserLogin, TUserToken}"/>
/// (authenticator key, recovery codes, their count and redemption) goes through
/// <see cref="GetTokenAsync"/> and <see cref="SetTokenAsync"/>, so these two overrides cover them all.
/// The column holds base64 text because Identity's schema types it as text.
/// </remarks>
public sealed class ProtectedUserStore(CashDbContext context, FieldCipher cipher, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<Professional, CashDbContext, Guid>(context, describer)
{
    // Part of every token's associated data: renaming the table must not change these.
    internal const string Table = "ProfessionalTokens";
    internal const string Column = "Value";

    public override async Task SetTokenAsync(Professional user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = value is null
            ? null
            : Convert.ToBase64String(await cipher.EncryptAsync(value, Binding(user.Id, loginProvider, name), cancellationToken));
        await base.SetTokenAsync(user, loginProvider, name, stored, cancellationToken);
    }

    /// <exception cref="FieldDecryptionException">The stored token was altered or copied from another row.</exception>
    public override async Task<string?> GetTokenAsync(Professional user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is null
            ? null
            : await cipher.DecryptAsync(Decode(stored), Binding(user.Id, loginProvider, name), cancellationToken);
    }

    internal static FieldBinding Binding(Guid userId, string loginProvider, string name) =>
        new(Table, Column, $"{userId:D}/{loginProvider}/{name}");

    internal static byte[] Decode(string stored)
    {
        try
        {
            return Convert.FromBase64String(stored);
        }
        catch (FormatException exception)
        {
            throw new FieldDecryptionException("A stored token is not an encrypted value.", exception);
        }
    }
}
