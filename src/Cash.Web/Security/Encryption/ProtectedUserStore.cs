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
    /// <summary>
    /// The tokens' column: its table and column names are part of every token's associated data,
    /// so renaming the table must not change them. A token belongs to its person.
    /// </summary>
    internal static readonly EncryptedColumn<IdentityUserToken<Guid>, TokenKey, Guid, string> Tokens = EncryptedColumn.Base64Text<IdentityUserToken<Guid>, TokenKey, Guid>(
        "ProfessionalTokens", "Value",
        key: t => new TokenKey(t.UserId, t.LoginProvider, t.Name),
        belongsTo: t => t.UserId,
        owner: userId => $"Professionals/{userId:D}",
        value: t => t.Value,
        rowId: k => $"{k.UserId:D}/{k.LoginProvider}/{k.Name}");

    public override async Task SetTokenAsync(Professional user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = value is null
            ? null
            : await Tokens.EncryptAsync(cipher, value, new TokenKey(user.Id, loginProvider, name), user.Id, cancellationToken);
        await base.SetTokenAsync(user, loginProvider, name, stored, cancellationToken);
    }

    /// <exception cref="FieldDecryptionException">The stored token was altered or copied from another row.</exception>
    public override async Task<string?> GetTokenAsync(Professional user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is null
            ? null
            : await Tokens.DecryptAsync(cipher, stored, new TokenKey(user.Id, loginProvider, name), user.Id, cancellationToken);
    }

    /// <summary>A token's row: Identity keys its tokens by person, provider and name.</summary>
    internal sealed record TokenKey(Guid UserId, string LoginProvider, string Name);
}
