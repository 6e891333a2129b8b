using System.Text;
using Cash.Web.Authorization;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cash.Web.Pages.Pro.Schools;

/// <summary>The example file: the header and one invented school, in UTF-8 with a BOM so Excel opens the accents right.</summary>
[Authorize(Policy = ProPolicies.Administrator)]
public sealed class TemplateModel : PageModel
{
    public IActionResult OnGet()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(SchoolCsv.Template)).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "ecoles-modele.csv");
    }
}
