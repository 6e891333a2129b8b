using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cash.Web.Security.Passwords;

public static class PasswordRegistration
{
    /// <summary>
    /// The password rules on top of Identity's minimum length (set by <see cref="PasswordPolicy.Configure"/>):
    /// the common-password list, the personal-details check, the upper bound, and Identity's
    /// messages in fr, nl and en.
    /// </summary>
    public static IdentityBuilder AddCashPasswordRules(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLocalization();
        builder.Services.TryAddSingleton<CommonPasswordList>();
        return builder
            .AddPasswordValidator<PasswordLengthValidator>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<CashIdentityErrorDescriber>();
    }
}
