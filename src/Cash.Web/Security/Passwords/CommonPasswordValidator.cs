using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Security.Passwords;

/// <summary>
/// Refuses the passwords an attacker tries first (ASVS 2.1.7, NIST SP 800-63B 5.1.1.2): one on the
/// shipped list; one on the list dressed up with a few digits or signs around it
/// (<c>Password123456</c>, <c>azertyuiop!!</c>); and one built on the person's own name or e-mail
/// address, which colleagues and attackers alike can guess.
/// </summary>
public sealed class CommonPasswordValidator(CommonPasswordList list, IStringLocalizer<Resources.Passwords> text) : IPasswordValidator<Professional>
{
    public const string CommonCode = "PasswordCommon";
    public const string PersonalDetailsCode = "PasswordContainsPersonalDetails";

    /// <summary>
    /// Up to this many digits or signs around a common password add too few guesses to save it;
    /// longer ones still fail when they are themselves common (<c>password1234567890</c>).
    /// </summary>
    internal const int MaximumDecorationLength = 8;

    /// <summary>Shorter names and addresses ("li", "jv") would refuse innocent passphrases.</summary>
    internal const int MinimumPersonalDetailLength = 4;

    public Task<IdentityResult> ValidateAsync(UserManager<Professional> manager, Professional user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            // Identity's own validator reports the missing length.
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>(2);
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = CommonCode, Description = text["Password.Common"] });
        }

        if (ContainsPersonalDetails(user, password))
        {
            errors.Add(new IdentityError { Code = PersonalDetailsCode, Description = text["Password.ContainsPersonalDetails"] });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    internal bool IsCommon(string password)
    {
        var normalized = CommonPasswordList.Normalize(password);
        if (list.Contains(normalized))
        {
            return true;
        }

        // Digits and signs may lead, trail, or both, and a common password may itself begin with
        // digits (1qaz2wsx), so each way of peeling them off is tried.
        var leading = 0;
        while (leading < normalized.Length && !char.IsLetter(normalized[leading]))
        {
            leading++;
        }

        if (leading == normalized.Length)
        {
            return false;
        }

        var trailing = 0;
        while (!char.IsLetter(normalized[^(trailing + 1)]))
        {
            trailing++;
        }

        return (leading > 0 && IsDecorated(normalized, leading, 0))
            || (trailing > 0 && IsDecorated(normalized, 0, trailing))
            || (leading > 0 && trailing > 0 && IsDecorated(normalized, leading, trailing));
    }

    private bool IsDecorated(string normalized, int prefixLength, int suffixLength)
    {
        var prefix = normalized[..prefixLength];
        var suffix = normalized[^suffixLength..];
        var core = normalized[prefixLength..^suffixLength];
        if (!list.Contains(core))
        {
            return false;
        }

        return prefix.Length + suffix.Length <= MaximumDecorationLength
            || (IsEmptyOrCommon(prefix) && IsEmptyOrCommon(suffix));
    }

    private bool IsEmptyOrCommon(string decoration) => decoration.Length == 0 || list.Contains(decoration);

    private static bool ContainsPersonalDetails(Professional user, string password)
    {
        var letters = LettersAndDigits(password);
        return PersonalDetails(user)
            .Select(LettersAndDigits)
            .Any(detail => detail.Length >= MinimumPersonalDetailLength && letters.Contains(detail, StringComparison.Ordinal));
    }

    private static IEnumerable<string> PersonalDetails(Professional user)
    {
        foreach (var address in new[] { user.Email, user.UserName })
        {
            if (!string.IsNullOrEmpty(address))
            {
                var at = address.LastIndexOf('@');
                yield return at > 0 ? address[..at] : address;
            }
        }

        yield return user.DisplayName;
    }

    /// <summary>Separators do not hide a name: <c>Marie-Dupont</c> and <c>marie.dupont</c> are the same.</summary>
    private static string LettersAndDigits(string value) =>
        string.Concat(CommonPasswordList.Normalize(value).Where(char.IsLetterOrDigit));
}
