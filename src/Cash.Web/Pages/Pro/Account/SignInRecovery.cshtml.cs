using System.ComponentModel.DataAnnotations;
using Cash.Web.Resources;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>Second step without the phone: one of the ten single-use recovery codes.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInRecoveryModel(CashSignInManager signIn, IStringLocalizer<ProSpace> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Where to go once done: a page of the professionals' space, or nothing (a foreign address is dropped as it arrives).</summary>
    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? ReturnUrl { get; set => field = SignInModel.LocalOrNull(value); }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = new string(Input.Code.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl ?? "/pro");
        }

        ModelState.AddModelError(nameof(Input) + "." + nameof(InputModel.Code), result.IsLockedOut ? text["SignIn.LockedOut"] : text["Recovery.Invalid"]);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Recovery.Required")]
        [StringLength(40, ErrorMessage = "Recovery.Invalid")]
        public string Code { get; set; } = "";
    }
}
