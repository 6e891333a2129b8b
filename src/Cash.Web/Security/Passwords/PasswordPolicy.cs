using Microsoft.AspNetCore.Identity;

namespace Cash.Web.Security.Passwords;

/// <summary>
/// Length is what makes a password strong, so that is all we ask for (ASVS 2.1.1, 2.1.2, 2.1.9):
/// at least 12 characters, up to 128, any characters, no "one digit and one capital" rules,
/// which only push people towards <c>Password1!</c>.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    /// <summary>Counted like Identity counts the minimum (UTF-16 units); generous enough for passphrases, small enough to keep hashing cheap.</summary>
    public const int MaximumLength = 128;

    public static void Configure(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequiredLength = MinimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }
}
