using System.ComponentModel.DataAnnotations;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tools;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Cash.Web.Tools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Tools;

/// <summary>
/// Adds a file to a tool (those who edit it): PDF, PNG, JPEG, docx, xlsx, pptx or odt up to
/// <see cref="ToolFile.MaxBytes"/>, its type recognised from the bytes (<see cref="ToolUploads"/>).
/// A refused file brings the form back with its title kept.
/// </summary>
// A file is far more than an ordinary form's 64 KB (Security/RequestLimits.cs): this page alone takes one file
// and room to say "too large" in the form for a file somewhat over the limit. Larger bodies get 413 before they are read.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class FilesModel(CashDbContext db, IAuthorizationService authorization, FieldCipher cipher, TimeProvider clock, IStringLocalizer<ToolTexts> text) : PageModel
{
    public const long MaxRequestBytes = ToolFile.MaxBytes + 2 * 1024 * 1024;

    [BindProperty]
    public FileInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public Tool Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var tool = await FindAsync(id, cancellationToken);
        return tool is null ? NotFound() : Show(tool);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var tool = await FindAsync(id, cancellationToken);
        if (tool is null)
        {
            return NotFound();
        }

        var (content, type, refusal) = await ToolUploads.ReadAsync(Upload, cancellationToken);
        if (refusal is { } why)
        {
            ModelState.AddModelError(nameof(Upload), text[$"Upload.{why}", ToolFile.MaxBytes / (1024 * 1024)]);
        }

        if (!ModelState.IsValid || content is null || type is not { } recognised)
        {
            return Show(tool);
        }

        var name = ToolUploads.NameFromUpload(Upload!.FileName);
        var title = string.IsNullOrWhiteSpace(Input.Title) ? name : Input.Title.Trim();
        var fileId = Guid.CreateVersion7();
        var sealedContent = await cipher.EncryptBytesAsync(content, ToolColumns.FileContent(fileId, tool.Id), cancellationToken);
        db.ToolFiles.Add(new ToolFile(fileId, tool.Id, title, name, recognised, content.Length, sealedContent, User.ServiceId() ?? tool.OwnerServiceId, User.ProfessionalId()!.Value, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("Details", null, new { id, fait = "fichier" }, "files-title");
    }

    private async Task<Tool?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var tool = await db.Tools.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tool is not null && (await authorization.AuthorizeAsync(User, tool, ToolOperations.Edit)).Succeeded ? tool : null;
    }

    private PageResult Show(Tool tool)
    {
        ViewData["Section"] = "tools";
        Item = tool;
        return Page();
    }

    [MessagesFrom(typeof(ToolTexts))]
    public sealed class FileInput
    {
        [MaxTrimmedLength(ToolFile.MaxTitleLength, ErrorMessage = "Upload.Title.TooLong")]
        public string? Title { get; set; }
    }
}
