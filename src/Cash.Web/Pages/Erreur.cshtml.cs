using System.Globalization;
using Cash.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
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

    // From the route only: a posted form field that happens to be called "code" must not choose the error shown.
    public IActionResult OnGet() => Show(RouteCode());

    public IActionResult OnPost() => Show(RouteCode());

    // Read from the route data, not bound: when the re-executed request's form cannot be read (ASP.NET
    // Core refuses a NUL in a form value), model binding is skipped and a bound code would be null: a 500.
    private int? RouteCode() =>
        int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;

    private PageResult Show(int? code)
    {
        Code = code switch
        {
            >= 400 and <= 599 => code.Value,
            not null => StatusCodes.Status404NotFound,
            // Re-executed by the exception handler: an unreachable database is "come back later",
            // anything else is our failure.
            null when DatabaseErrors.IsUnavailable(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error) => StatusCodes.Status503ServiceUnavailable,
            // A body sent without a declared length and cut by the server past the limit.
            null when IsTooLarge(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error) => StatusCodes.Status413PayloadTooLarge,
            null => StatusCodes.Status500InternalServerError,
        };
        Response.StatusCode = Code;
        if (Code == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }

        return Page();
    }

    private static bool IsTooLarge(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }
}
