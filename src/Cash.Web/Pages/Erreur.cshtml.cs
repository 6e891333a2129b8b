using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cash.Web.Pages;

/// <summary>
/// What a person sees when a page does not exist or something failed: a way on (urgent numbers,
/// the directory), never technical details.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErreurModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    private PageResult Show(int? code)
    {
        // The exception handler re-executes without a code (a failure); status pages pass theirs.
        Code = code is >= 400 and <= 599 ? code.Value : code is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        return Page();
    }
}
