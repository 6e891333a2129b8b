using System.ComponentModel.DataAnnotations;
using Cash.Web.Resources;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>Second step of signing in: the code of the authenticator app (accepted once per time step).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInCodeModel(CashSignInManager signIn, IStringLocalizer<ProSpace> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Where to go once done: a page of the professionals' space, or nothing (a foreign address is dropped as it arrives).</summary>
    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? ReturnUrl { get; set => field = SignInModel.LocalOrNull(value); }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RestartSignIn() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RestartSignIn();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(OnceOnlyAuthenticatorTokenProvider.Normalize(Input.Code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl ?? "/pro");
        }

        ModelState.AddModelError(nameof(Input) + "." + nameof(InputModel.Code), result.IsLockedOut ? text["SignIn.LockedOut"] : text["Code.Invalid"]);
        return Page();
    }

    private RedirectToPageResult RestartSignIn() =>
        RedirectToPage("SignIn", new { retour = ReturnUrl, expiree = 1 });

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Code.Required")]
        [StringLength(20, ErrorMessage = "Code.Invalid")]
        public string Code { get; set; } = "";
    }
}
