using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.People;
using Cash.Web.Resources;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>
/// The invitation link: (1) name and password, (2) authenticator app, (3) recovery codes, then
/// signed in. The link stays usable until two-factor is on, then it is spent. Steps 2 and 3 belong
/// to the browser that chose the password (<see cref="InvitationBrowser"/>): the link opened
/// anywhere else after step 1 asks for that password again, and shows no secret and signs nobody
/// in until it is typed; each such refusal is audited.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class InvitationModel(
    CashDbContext db,
    UserManager<Professional> users,
    CashSignInManager signIn,
    TimeProvider clock,
    AuditTrail audit,
    InvitationBrowser browser,
    InvitationTokens tokens,
    IStringLocalizer<ProSpace> text) : PageModel
{
    public enum Stage
    {
        Invalid,
        Password,

        /// <summary>The password is chosen, but not in this browser (or too long ago): it is asked again.</summary>
        Resume,
        Authenticator,
        RecoveryCodes,
    }

    [FromRoute]
    public string? Token { get; set; }

    public Stage Step { get; private set; }

    public string Email { get; private set; } = "";

    public ProRole Role { get; private set; }

    // Each step posts one of its forms, bound by its own handler: the other forms' fields never count.
    public PasswordInput Password { get; private set; } = new();

    public ResumeInput Resume { get; private set; } = new();

    public AuthenticatorInput Authenticator { get; private set; } = new();

    /// <summary>The authenticator key, grouped by four for typing by hand.</summary>
    public string SharedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var invitation = await FindOpenAsync();
        if (invitation is null)
        {
            return Invalid();
        }

        return invitation.ProfessionalId is null ? ShowPassword() : await CarryOnAsync(invitation);
    }

    public async Task<IActionResult> OnPostPasswordAsync([FromForm(Name = nameof(Password))] PasswordInput password)
    {
        Password = password;
        var invitation = await FindOpenAsync();
        if (invitation is null)
        {
            return Invalid();
        }

        if (invitation.ProfessionalId is not null)
        {
            return await CarryOnAsync(invitation);
        }

        if (!ModelState.IsValid)
        {
            return ShowPassword();
        }

        var person = new Professional(invitation.Email, Password.DisplayName, invitation.Role, invitation.PartnerServiceId);
        var created = await users.CreateAsync(person, Password.NewPassword);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(nameof(Password) + "." + nameof(PasswordInput.NewPassword), error.Description);
            }

            return ShowPassword();
        }

        invitation.AttachAccount(person.Id, clock.GetUtcNow());
        await db.SaveChangesAsync();
        await users.ResetAuthenticatorKeyAsync(person);
        browser.Mark(HttpContext, invitation);
        return await ShowAuthenticatorAsync(person);
    }

    public async Task<IActionResult> OnPostResumeAsync([FromForm(Name = nameof(Resume))] ResumeInput resume)
    {
        Resume = resume;
        var invitation = await FindOpenAsync();
        if (invitation is null)
        {
            return Invalid();
        }

        if (invitation.ProfessionalId is not { } id || await users.FindByIdAsync(id.ToString()) is not { } person)
        {
            return ShowPassword();
        }

        if (browser.IsMarked(HttpContext, invitation))
        {
            return await ShowAuthenticatorAsync(person);
        }

        if (!ModelState.IsValid)
        {
            return ShowResume();
        }

        // Counted like a sign-in: five wrong passwords lock the account, so the link does not become a way to guess it.
        if (await users.IsLockedOutAsync(person) || !await users.CheckPasswordAsync(person, Resume.Password))
        {
            await users.AccessFailedAsync(person);
            var lockedOut = await users.IsLockedOutAsync(person);
            await audit.RecordAsync(lockedOut ? AuditActions.LockedOut : AuditActions.InvitationAccept, lockedOut ? AuditOutcome.Denied : AuditOutcome.Failure,
                nameof(Invitation), invitation.Id.ToString(), partnerServiceId: invitation.PartnerServiceId);
            ModelState.AddModelError(nameof(Resume) + "." + nameof(ResumeInput.Password), lockedOut ? text["SignIn.LockedOut"] : text["Confirm.Failed"]);
            return ShowResume();
        }

        await users.ResetAccessFailedCountAsync(person);
        browser.Mark(HttpContext, invitation);
        return await ShowAuthenticatorAsync(person);
    }

    public async Task<IActionResult> OnPostAuthenticatorAsync([FromForm(Name = nameof(Authenticator))] AuthenticatorInput authenticator)
    {
        Authenticator = authenticator;
        var invitation = await FindOpenAsync();
        if (invitation?.ProfessionalId is not { } id || await users.FindByIdAsync(id.ToString()) is not { } person)
        {
            return invitation is null ? Invalid() : ShowPassword();
        }

        // Refused before the code is even looked at: a code tried from elsewhere is not used up.
        if (!browser.IsMarked(HttpContext, invitation))
        {
            return await RefuseElsewhereAsync(invitation);
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

        await users.SetTwoFactorEnabledAsync(person, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(person, 10) ?? [];
        invitation.Accept(clock.GetUtcNow());
        await db.SaveChangesAsync();
        await audit.RecordAsync(AuditActions.InvitationAccept, AuditOutcome.Success, nameof(Invitation), invitation.Id.ToString(), actorId: person.Id, partnerServiceId: person.PartnerServiceId);
        await audit.RecordAsync(AuditActions.TwoFactorEnrol, AuditOutcome.Success, nameof(Professional), person.Id.ToString(), actorId: person.Id, partnerServiceId: person.PartnerServiceId);

        await signIn.SignInAsync(person, isPersistent: false, authenticationMethod: "mfa");
        browser.Forget(HttpContext);
        RecoveryCodes = [.. codes];
        Step = Stage.RecoveryCodes;
        return Page();
    }

    private async Task<Invitation?> FindOpenAsync()
    {
        var invitation = await tokens.FindOpenAsync(db, Token, clock.GetUtcNow(), HttpContext.RequestAborted);
        if (invitation is null)
        {
            return null;
        }

        Email = invitation.Email;
        Role = invitation.Role;
        return invitation;
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

    /// <summary>After step 1, the secret and what follows only for the browser that chose the password.</summary>
    private async Task<IActionResult> CarryOnAsync(Invitation invitation)
    {
        // Reached from step 1's form sent again: its fields have nothing to say on the page shown instead.
        ModelState.Clear();
        if (!browser.IsMarked(HttpContext, invitation))
        {
            return await RefuseElsewhereAsync(invitation);
        }

        return invitation.ProfessionalId is { } id ? await ShowAuthenticatorAsync(await users.FindByIdAsync(id.ToString())) : ShowPassword();
    }

    /// <summary>
    /// The link opened, or a later step posted, from a browser that did not choose the password (or
    /// chose it too long ago): audited, since the link may have been found by someone else.
    /// </summary>
    private async Task<PageResult> RefuseElsewhereAsync(Invitation invitation)
    {
        ModelState.Clear();
        await audit.RecordAsync(AuditActions.InvitationAccept, AuditOutcome.Denied, nameof(Invitation), invitation.Id.ToString(), partnerServiceId: invitation.PartnerServiceId);
        return ShowResume();
    }

    private PageResult ShowResume()
    {
        Step = Stage.Resume;
        return Page();
    }

    private async Task<IActionResult> ShowAuthenticatorAsync(Professional? person)
    {
        if (person is null)
        {
            return Invalid();
        }

        var key = await users.GetAuthenticatorKeyAsync(person);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(person);
            key = await users.GetAuthenticatorKeyAsync(person) ?? "";
        }

        SharedKey = AuthenticatorSetup.SharedKey(key);
        QrCodeDataUri = AuthenticatorSetup.QrCodeDataUri(users.Options.Tokens.AuthenticatorIssuer, person.Email ?? "", key);
        Step = Stage.Authenticator;
        return Page();
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Invitation.DisplayNameRequired")]
        [StringLength(120, ErrorMessage = "Invitation.DisplayNameTooLong")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Invitation.PasswordRequired")]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "Invitation.ConfirmMismatch")]
        public string ConfirmPassword { get; set; } = "";
    }

    public sealed class ResumeInput
    {
        [Required(ErrorMessage = "SignIn.PasswordRequired")]
        [StringLength(256, ErrorMessage = "Confirm.Failed")]
        public string Password { get; set; } = "";
    }

    public sealed class AuthenticatorInput
    {
        [Required(ErrorMessage = "Code.Required")]
        [StringLength(20, ErrorMessage = "Code.Invalid")]
        public string Code { get; set; } = "";
    }
}
