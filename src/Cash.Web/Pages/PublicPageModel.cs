using Cash.Web.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Cash.Web.Pages;

/// <summary>
/// A page of the public portal: opened to everyone (everything else needs a signed-in
/// professional) and served from the output cache, per language.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicOutputCache.Policy)]
public abstract class PublicPageModel : PageModel;
