using System.ComponentModel.DataAnnotations;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Resources;
using Cash.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>The password again before a sensitive action (see <see cref="Security.RecentSignInRequiredAttribute"/>).</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ConfirmModel(CashDbContext db, UserManager<Professional> users, TimeProvider clock, AuditTrail audit, IStringLocalizer<ProSpace> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Where to go once done: a page of the professionals' space, or nothing (a foreign address is dropped as it arrives).</summary>
    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? ReturnUrl { get; set => field = SignInModel.LocalOrNull(value); }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        var session = User.SessionId() is { } id ? await db.UserSessions.FindAsync(id) : null;
        if (user is null || session is null)
        {
            return Challenge();
        }

        if (await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, Input.Password))
        {
            await users.AccessFailedAsync(user);
            await audit.RecordAsync(AuditActions.Reauthenticate, AuditOutcome.Failure, nameof(Professional), user.Id.ToString());
            ModelState.AddModelError(nameof(Input) + "." + nameof(InputModel.Password), await users.IsLockedOutAsync(user) ? text["SignIn.LockedOut"] : text["Confirm.Failed"]);
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        session.Reauthenticate(clock.GetUtcNow());
        await db.SaveChangesAsync();
        await audit.RecordAsync(AuditActions.Reauthenticate, AuditOutcome.Success, nameof(Professional), user.Id.ToString());
        return LocalRedirect(ReturnUrl ?? "/pro");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "SignIn.PasswordRequired")]
        [StringLength(256, ErrorMessage = "Confirm.Failed")]
        public string Password { get; set; } = "";
    }
}
