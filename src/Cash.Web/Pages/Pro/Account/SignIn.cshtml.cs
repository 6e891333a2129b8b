using System.ComponentModel.DataAnnotations;
using Cash.Web.Operations;
using Cash.Web.Resources;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>First step of signing in: e-mail address and password. The second factor follows, always.</summary>
[AllowAnonymous]
[FormTemplate]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(CashSignInManager signIn, IStringLocalizer<ProSpace> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Where to go once done: a page of the professionals' space, or nothing (a foreign address is dropped as it arrives).</summary>
    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? ReturnUrl { get; set => field = LocalOrNull(value); }

    /// <summary>Set when the second step took too long and the person is sent back here.</summary>
    [BindProperty(SupportsGet = true, Name = "expiree")]
    public bool Expired { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInCode", new { retour = ReturnUrl });
        }

        // One message for a wrong address, a wrong password, a disabled or unfinished account:
        // the page must not tell a stranger which addresses have an account.
        ModelState.AddModelError(nameof(Input) + "." + nameof(InputModel.Password),
            result.IsLockedOut ? text["SignIn.LockedOut"] : text["SignIn.Failed"]);
        return Page();
    }

    internal static string? LocalOrNull(string? url) =>
        LocalUrl.IsLocal(url) && url!.StartsWith(SecurityRegistration.ProfessionalArea, StringComparison.Ordinal) ? url : null;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "SignIn.EmailRequired")]
        [EmailAddress(ErrorMessage = "SignIn.EmailInvalid")]
        [StringLength(254, ErrorMessage = "SignIn.EmailInvalid")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "SignIn.PasswordRequired")]
        [StringLength(256, ErrorMessage = "SignIn.Failed")]
        public string Password { get; set; } = "";
    }
}
