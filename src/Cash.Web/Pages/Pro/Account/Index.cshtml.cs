using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Resources;
using Cash.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>The person's own account: password, recovery codes, open sessions, sign out everywhere.</summary>
public sealed class IndexModel(
    CashDbContext db,
    UserManager<Professional> users,
    CashSignInManager signIn,
    TimeProvider clock,
    AuditTrail audit,
    IStringLocalizer<ProSpace> text) : PageModel
{
    /// <summary>The password form's input, bound by its own handler only: the other buttons post no password.</summary>
    public PasswordInput Input { get; private set; } = new();

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<OpenSession> Sessions { get; private set; } = [];

    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    /// <summary>Set after a successful change, shown as a confirmation.</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostPasswordAsync([FromForm(Name = nameof(Input))] PasswordInput input)
    {
        Input = input;
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync();
        }

        var changed = await users.ChangePasswordAsync(person, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(PasswordInput.CurrentPassword) : nameof(PasswordInput.NewPassword);
                var message = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? text["Account.Password.CurrentWrong"].Value : error.Description;
                ModelState.AddModelError(nameof(Input) + "." + field, message);
            }

            await audit.RecordAsync(AuditActions.PasswordChange, AuditOutcome.Failure, nameof(Professional), person.Id.ToString());
            return await ShowAsync();
        }

        // Every session ends, this one included; this browser then gets a fresh one.
        await signIn.EndAllSessionsAsync(person.Id, SessionEnd.PasswordChanged);
        await signIn.SignInWithClaimsAsync(person, null, [new Claim("amr", "mfa")]);
        await audit.RecordAsync(AuditActions.PasswordChange, AuditOutcome.Success, nameof(Professional), person.Id.ToString());
        Input = new();
        Notice = text["Account.Password.Changed"];
        return await ShowAsync(ignoreCurrentSession: true);
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        await signIn.EndAllSessionsAsync(person.Id, SessionEnd.SignedOutEverywhere);
        await audit.RecordAsync(AuditActions.SignOutEverywhere, AuditOutcome.Success, nameof(Professional), person.Id.ToString());
        await signIn.SignOutAsync();
        return RedirectToPage("SignIn");
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(person, 10) ?? []];
        await audit.RecordAsync(AuditActions.RecoveryCodesRenew, AuditOutcome.Success, nameof(Professional), person.Id.ToString());
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync(bool ignoreCurrentSession = false)
    {
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        DisplayName = person.DisplayName;
        Email = person.Email ?? "";
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(person);
        var now = clock.GetUtcNow();
        var current = ignoreCurrentSession ? null : User.SessionId();
        var open = await db.UserSessions.AsNoTracking()
            .Where(s => s.ProfessionalId == person.Id && s.EndedAt == null)
            .ToListAsync();
        Sessions = [.. open.Where(s => s.IsActiveAt(now))
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new OpenSession(s.StartedAt, s.LastSeenAt, s.Id == current))];
        ViewData["Section"] = "account";
        return Page();
    }

    public sealed record OpenSession(DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, bool IsThisOne);

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Account.Password.CurrentRequired")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Invitation.PasswordRequired")]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "Invitation.ConfirmMismatch")]
        public string ConfirmPassword { get; set; } = "";
    }
}
