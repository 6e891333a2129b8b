using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.People;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>
/// The link of "mot de passe oublié": a new password (the invitation's rules), then the normal
/// second step of signing in. The new password alone signs nobody in; every session of the
/// person ends, and the link is spent.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ResetPasswordModel(
    CashDbContext db,
    UserManager<Professional> users,
    CashSignInManager signIn,
    RecoveryLinks links,
    TimeProvider clock,
    AuditTrail audit) : PageModel
{
    public enum Stage
    {
        Invalid,
        Password,

        /// <summary>Changed, but the sign-in could not go on to the code (a locked account): the person signs in later.</summary>
        Changed,
    }

    [FromRoute]
    public string? Token { get; set; }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public Stage Step { get; private set; }

    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await FindAsync(cancellationToken) is null ? Invalid() : ShowPassword();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } found)
        {
            return Invalid();
        }

        var (link, person) = found;
        if (!ModelState.IsValid)
        {
            return ShowPassword();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The link first: of two posts racing with it, the second fails here and changes nothing.
            link.Use(clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Invalid();
            }

            // Identity sets a forgotten password only against a token of its own; the link has been
            // checked above, so that token is made and spent here. It validates the password and
            // renews the security stamp in the same save.
            var identityToken = await users.GeneratePasswordResetTokenAsync(person);
            var reset = await users.ResetPasswordAsync(person, identityToken, Input.NewPassword);
            if (!reset.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                foreach (var error in reset.Errors)
                {
                    ModelState.AddModelError(nameof(Input) + "." + nameof(PasswordInput.NewPassword), error.Description);
                }

                return ShowPassword();
            }

            await signIn.EndAllSessionsAsync(person.Id, SessionEnd.PasswordChanged);
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordAsync(AuditActions.PasswordReset, AuditOutcome.Success, nameof(Professional), person.Id.ToString(),
            actorId: person.Id, partnerServiceId: person.PartnerServiceId, cancellationToken: cancellationToken);

        // The ordinary first step, with the new password: it only ever leads to the code step.
        var signedIn = await signIn.PasswordSignInAsync(person, Input.NewPassword, isPersistent: false, lockoutOnFailure: true);
        if (signedIn.RequiresTwoFactor)
        {
            return RedirectToPage("SignInCode");
        }

        Step = Stage.Changed;
        return Page();
    }

    private async Task<(RecoveryLink Link, Professional Person)?> FindAsync(CancellationToken cancellationToken)
    {
        var link = await links.FindOpenAsync(db, Token, RecoveryPurpose.Password, clock.GetUtcNow(), cancellationToken);
        var person = link is null ? null : await db.Users.SingleOrDefaultAsync(p => p.Id == link.ProfessionalId, cancellationToken);
        if (link is null || person is null || person.IsDisabled || !person.TwoFactorEnabled)
        {
            return null;
        }

        Email = person.Email ?? "";
        return (link, person);
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

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Invitation.PasswordRequired")]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "Invitation.ConfirmMismatch")]
        public string ConfirmPassword { get; set; } = "";
    }
}
