using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.People;
using Cash.Web.Resources;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>
/// The recovery invitation's link (<see cref="SecondFactorResets"/>): (1) the person's own password,
/// (2) a new authenticator app, (3) new recovery codes, then signed in. The link alone shows no
/// secret: the authenticator key appears only to the browser that typed the password, which a
/// short-lived protected cookie remembers for <see cref="PasswordStepLifetime"/>.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class NewAuthenticatorModel(
    CashDbContext db,
    UserManager<Professional> users,
    CashSignInManager signIn,
    RecoveryLinks links,
    IDataProtectionProvider dataProtection,
    TimeProvider clock,
    AuditTrail audit,
    IStringLocalizer<ProSpace> text) : PageModel
{
    public const string PasswordStepCookie = "__Host-cash-enrol";

    public static readonly TimeSpan PasswordStepLifetime = TimeSpan.FromMinutes(15);

    public enum Stage
    {
        Invalid,
        Password,
        Authenticator,
        RecoveryCodes,
    }

    [FromRoute]
    public string? Token { get; set; }

    public Stage Step { get; private set; }

    public string Email { get; private set; } = "";

    // Each step posts one of the two forms, bound by its own handler: the other form's fields never count.
    public PasswordInput Password { get; private set; } = new();

    public AuthenticatorInput Authenticator { get; private set; } = new();

    public string SharedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    private IDataProtector Protector => dataProtection.CreateProtector("Cash.Web.NewAuthenticator.PasswordStep.v1");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } found)
        {
            return Invalid();
        }

        return PassedPasswordStep(found.Link) ? await ShowAuthenticatorAsync(found.Person) : ShowPassword();
    }

    public async Task<IActionResult> OnPostPasswordAsync([FromForm(Name = nameof(Password))] PasswordInput password, CancellationToken cancellationToken)
    {
        Password = password;
        if (await FindAsync(cancellationToken) is not { } found)
        {
            return Invalid();
        }

        var (link, person) = found;
        if (!ModelState.IsValid)
        {
            return ShowPassword();
        }

        var field = nameof(Password) + "." + nameof(PasswordInput.CurrentPassword);
        if (await users.IsLockedOutAsync(person) || !await users.CheckPasswordAsync(person, Password.CurrentPassword))
        {
            await users.AccessFailedAsync(person);
            await audit.RecordAsync(AuditActions.SecondFactorRecover, AuditOutcome.Failure, nameof(Professional), person.Id.ToString(),
                actorId: person.Id, partnerServiceId: person.PartnerServiceId, cancellationToken: cancellationToken);
            ModelState.AddModelError(field, await users.IsLockedOutAsync(person) ? text["SignIn.LockedOut"] : text["Confirm.Failed"]);
            return ShowPassword();
        }

        await users.ResetAccessFailedCountAsync(person);
        Response.Cookies.Append(PasswordStepCookie, Protector.Protect(CookieValue(link.Id, clock.GetUtcNow())), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
            MaxAge = PasswordStepLifetime,
        });
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(person)))
        {
            await users.ResetAuthenticatorKeyAsync(person);
        }

        return await ShowAuthenticatorAsync(person);
    }

    public async Task<IActionResult> OnPostAuthenticatorAsync([FromForm(Name = nameof(Authenticator))] AuthenticatorInput authenticator, CancellationToken cancellationToken)
    {
        Authenticator = authenticator;
        if (await FindAsync(cancellationToken) is not { } found)
        {
            return Invalid();
        }

        var (link, person) = found;
        if (!PassedPasswordStep(link))
        {
            return ShowPassword();
        }

        if (!ModelState.IsValid)
        {
            return await ShowAuthenticatorAsync(person);
        }

        var code = OnceOnlyAuthenticatorTokenProvider.Normalize(Authenticator.Code);
        if (!await users.VerifyTwoFactorTokenAsync(person, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Authenticator) + "." + nameof(AuthenticatorInput.Code), text["Code.Invalid"]);
            return await ShowAuthenticatorAsync(person);
        }

        IEnumerable<string>? codes;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            link.Use(clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Invalid();
            }

            await users.SetTwoFactorEnabledAsync(person, true);
            codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(person, 10);
            await transaction.CommitAsync(cancellationToken);
        }

        Response.Cookies.Delete(PasswordStepCookie, new CookieOptions { Secure = true, Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true });
        await audit.RecordAsync(AuditActions.SecondFactorRecover, AuditOutcome.Success, nameof(Professional), person.Id.ToString(),
            actorId: person.Id, partnerServiceId: person.PartnerServiceId, cancellationToken: cancellationToken);
        await audit.RecordAsync(AuditActions.TwoFactorEnrol, AuditOutcome.Success, nameof(Professional), person.Id.ToString(),
            actorId: person.Id, partnerServiceId: person.PartnerServiceId, cancellationToken: cancellationToken);

        // The password and a code of the new app: both factors, as at the end of an invitation.
        await signIn.SignInAsync(person, isPersistent: false, authenticationMethod: "mfa");
        RecoveryCodes = [.. codes ?? []];
        Step = Stage.RecoveryCodes;
        return Page();
    }

    private async Task<(RecoveryLink Link, Professional Person)?> FindAsync(CancellationToken cancellationToken)
    {
        var link = await links.FindOpenAsync(db, Token, RecoveryPurpose.SecondFactor, clock.GetUtcNow(), cancellationToken);
        var person = link is null ? null : await db.Users.SingleOrDefaultAsync(p => p.Id == link.ProfessionalId, cancellationToken);

        // Enrolled again since (by this link in another tab): the link has nothing left to do.
        if (link is null || person is null || person.IsDisabled || person.TwoFactorEnabled)
        {
            return null;
        }

        Email = person.Email ?? "";
        return (link, person);
    }

    private static string CookieValue(Guid linkId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{linkId:N}|{at.ToUnixTimeSeconds()}");

    /// <summary>This browser typed the person's password for this very link, less than <see cref="PasswordStepLifetime"/> ago.</summary>
    private bool PassedPasswordStep(RecoveryLink link)
    {
        if (Request.Cookies[PasswordStepCookie] is not { Length: > 0 } cookie)
        {
            return false;
        }

        string value;
        try
        {
            value = Protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = value.Split('|');
        return parts.Length == 2
            && parts[0] == link.Id.ToString("N")
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) is { } age
            && age >= TimeSpan.Zero && age < PasswordStepLifetime;
    }

    private PageResult Invalid()
    {
        Step = Stage.Invalid;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private PageResult ShowPassword()
    {
        Step = Stage.Password;
        return Page();
    }

    private async Task<IActionResult> ShowAuthenticatorAsync(Professional person)
    {
        var key = await users.GetAuthenticatorKeyAsync(person);
        if (string.IsNullOrEmpty(key))
        {
            // The password step made the key; without it there is nothing to show.
            return ShowPassword();
        }

        SharedKey = AuthenticatorSetup.SharedKey(key);
        QrCodeDataUri = AuthenticatorSetup.QrCodeDataUri(users.Options.Tokens.AuthenticatorIssuer, person.Email ?? "", key);
        Step = Stage.Authenticator;
        return Page();
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "SignIn.PasswordRequired")]
        [StringLength(256, ErrorMessage = "Confirm.Failed")]
        public string CurrentPassword { get; set; } = "";
    }

    public sealed class AuthenticatorInput
    {
        [Required(ErrorMessage = "Code.Required")]
        [StringLength(20, ErrorMessage = "Code.Invalid")]
        public string Code { get; set; } = "";
    }
}
