using System.Security.Claims;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>Signing out ends the session on the server (a copy of the cookie is then worthless).</summary>
[AllowAnonymous]
public sealed class SignOutModel(CashSignInManager signIn) : PageModel
{
    public bool SignedOut { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("SignIn");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();

        // The page below must already look signed out (no menu of the professionals' space).
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        SignedOut = true;
        return Page();
    }
}
