using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Security.Passwords;

/// <summary>
/// Identity's messages in the person's language (fr, nl, en). The codes stay Identity's own, so
/// pages can still tell errors apart. Messages about an address already in use stay vague: they
/// must not confirm that someone has an account.
/// </summary>
public sealed class CashIdentityErrorDescriber(IStringLocalizer<Resources.Passwords> text) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Describe(nameof(DefaultError));

    public override IdentityError ConcurrencyFailure() => Describe(nameof(ConcurrencyFailure));

    public override IdentityError PasswordMismatch() => Describe(nameof(PasswordMismatch));

    public override IdentityError InvalidToken() => Describe(nameof(InvalidToken));

    public override IdentityError RecoveryCodeRedemptionFailed() => Describe(nameof(RecoveryCodeRedemptionFailed));

    public override IdentityError UserLockoutNotEnabled() => Describe(nameof(UserLockoutNotEnabled));

    public override IdentityError UserAlreadyHasPassword() => Describe(nameof(UserAlreadyHasPassword));

    public override IdentityError InvalidUserName(string? userName) => Describe(nameof(InvalidUserName));

    public override IdentityError InvalidEmail(string? email) => Describe(nameof(InvalidEmail));

    public override IdentityError DuplicateUserName(string userName) => Describe(nameof(DuplicateUserName));

    public override IdentityError DuplicateEmail(string email) => Describe(nameof(DuplicateEmail));

    public override IdentityError PasswordTooShort(int length) => new()
    {
        Code = nameof(PasswordTooShort),
        Description = text["Identity." + nameof(PasswordTooShort), length],
    };

    private IdentityError Describe(string code) => new() { Code = code, Description = text["Identity." + code] };
}
