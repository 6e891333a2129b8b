using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// Downloads one document of a situation: always as an attachment (never shown in the browser, where
/// a file could run as a page of this site), under a name rebuilt from safe characters with the
/// extension of the type recognised at upload, never stored in a cache, and each download audited
/// as an export. A document of another situation, or of a situation the person is not involved in,
/// does not exist for them (404). A document that does not open is not sent: the page says so.
/// </summary>
public sealed class DocumentDownloadModel(CashDbContext db, IAuthorizationService authorization, SituationContent content, AuditTrail audit) : PageModel
{
    public Guid SituationId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid docId, CancellationToken cancellationToken)
    {
        var document = await db.SituationDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == docId && d.SituationId == id, cancellationToken);
        if (document is null || document.IsErased
            || !(await authorization.AuthorizeAsync(User, document, SituationOperations.View)).Succeeded)
        {
            return NotFound();
        }

        SituationId = id;
        ViewData["Section"] = "situations";
        var bytes = await content.DocumentContentAsync(document, cancellationToken);
        if (bytes is null)
        {
            return Page();
        }

        var name = DocumentNames.ForDownload(await content.DocumentNameAsync(document.Id, document.SituationId, document.Name, cancellationToken), document);
        await audit.RecordExportAsync(document, cancellationToken: cancellationToken);

        // The site's headers say the same for every page of /pro; a file says it itself, whatever the pipeline does.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(bytes, document.ContentType, name);
    }
}
