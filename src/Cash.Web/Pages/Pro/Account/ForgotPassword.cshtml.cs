using System.ComponentModel.DataAnnotations;
using Cash.Web.Operations;
using Cash.Web.People;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Cash.Web.Pages.Pro.Account;

/// <summary>
/// "Mot de passe oublié": asks for the e-mail address and always answers the same page, at once,
/// whether an account uses the address or not; the link, when there is one to send, leaves in the
/// background (<see cref="PasswordResetRequests"/>). Limited per client (an IPv6 /64 is one) and per address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PasswordReset)]
public sealed class ForgotPasswordModel(PasswordResetRequests requests) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set once the request is queued: the answer replaces the form.</summary>
    public bool Asked { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        requests.Ask(Input.Email, SiteAddress.For(HttpContext));
        Asked = true;
        Input = new();
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "SignIn.EmailRequired")]
        [EmailAddress(ErrorMessage = "SignIn.EmailInvalid")]
        [StringLength(254, ErrorMessage = "SignIn.EmailInvalid")]
        public string Email { get; set; } = "";
    }
}
