using Cash.Web.Security.Encryption;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tools;
using Cash.Web.Tools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Tools;

/// <summary>
/// Downloads one file of a tool, to signed-in professionals only: always as an attachment (never shown
/// in the browser, where a file could run as a page of this site), with the type recognised at upload
/// and <c>nosniff</c>, under a name rebuilt from safe characters; each download audited as an export.
/// A file under another tool's address does not exist (404).
/// </summary>
public sealed class FileDownloadModel(CashDbContext db, IAuthorizationService authorization, AuditTrail audit, FieldCipher cipher, SealedTextReader reader) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid fileId, CancellationToken cancellationToken)
    {
        var file = await db.ToolFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.ToolId == id, cancellationToken);
        if (file is null || !(await authorization.AuthorizeAsync(User, file, ToolOperations.View)).Succeeded)
        {
            return NotFound();
        }

        var binding = ToolColumns.FileContent(file.Id, file.ToolId);
        byte[] content;
        try
        {
            content = await cipher.DecryptBytesAsync(file.Content, binding, cancellationToken);
        }
        catch (FieldDecryptionException)
        {
            // Recorded as unreadable (logged and audited); nobody gets bytes that are not the file.
            await reader.UnreadableAsync(binding, nameof(ToolFile), file.Id, cancellationToken);
            return NotFound();
        }

        await audit.RecordExportAsync(file, cancellationToken: cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(content, file.ContentType, ToolUploads.NameForDownload(file));
    }
}
