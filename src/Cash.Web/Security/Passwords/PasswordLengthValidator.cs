using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Security.Passwords;

/// <summary>
/// The upper bound Identity lacks: a password of megabytes would make every sign-in hash megabytes.
/// 128 leaves room for any passphrase (ASVS 2.1.2 asks for at least 64).
/// </summary>
public sealed class PasswordLengthValidator(IStringLocalizer<Resources.Passwords> text) : IPasswordValidator<Professional>
{
    public const string TooLongCode = "PasswordTooLong";

    public Task<IdentityResult> ValidateAsync(UserManager<Professional> manager, Professional user, string? password)
    {
        if (password is null || password.Length <= PasswordPolicy.MaximumLength)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = TooLongCode,
            Description = text["Password.TooLong", PasswordPolicy.MaximumLength],
        }));
    }
}
