using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// The documents of a situation (reports, screenshots a family handed over): listed for the services
/// involved, uploaded as PDF, PNG or JPEG of at most <see cref="SituationDocument.MaxBytes"/>, the type
/// recognised from the bytes and never from the name or what the browser claims. Name and content are
/// encrypted in the database, bound to the document and its situation; a document is only ever
/// downloaded (<c>DocumentDownload</c>). Anyone not involved gets 404.
/// </summary>
// A file is far more than an ordinary form's 64 KB (Security/RequestLimits.cs): this page alone takes
// one document and room to say "too large" in the form for a file somewhat over the limit. Larger
// bodies are refused with 413 before they are read.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class DocumentsModel(
    CashDbContext db,
    IAuthorizationService authorization,
    SituationContent content,
    AuditTrail audit,
    PartnerDirectoryCache directory,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    public const long MaxRequestBytes = SituationDocument.MaxBytes + SituationDocument.MaxBytes / 2;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Situation Item { get; private set; } = null!;

    public IReadOnlyList<DocumentView> Documents { get; private set; } = [];

    public bool MayUpload { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.View, cancellationToken);
        return situation is null ? NotFound() : await ShowAsync(situation, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var situation = await FindAsync(id, SituationOperations.Contribute, cancellationToken);
        if (situation is null)
        {
            return NotFound();
        }

        if (situation.IsErased)
        {
            // Said for the whole page: once erased, it has no form left to point to.
            ModelState.AddModelError(string.Empty, text["Document.Error.Erased"]);
            return await ShowAsync(situation, cancellationToken);
        }

        var (bytes, type) = await ReadUploadAsync(cancellationToken);
        if (bytes is null || type is not { } recognised)
        {
            return await ShowAsync(situation, cancellationToken);
        }

        var document = new SituationDocument(Guid.CreateVersion7(), situation.Id, recognised, bytes.Length, User.ServiceId()!.Value, User.ProfessionalId()!.Value, clock.GetUtcNow());
        await content.SealDocumentAsync(document, DocumentNames.FromUpload(Upload!.FileName), bytes, cancellationToken);
        db.SituationDocuments.Add(document);

        // Checked against the situation's Version: an erasure meanwhile refuses the file.
        situation.Touch(document.UploadedAt);
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
            var now = await FindAsync(id, SituationOperations.View, cancellationToken);
            if (now is null)
            {
                return NotFound();
            }

            ModelState.AddModelError(now.IsErased ? string.Empty : nameof(Upload), text[now.IsErased ? "Document.Error.Erased" : "Document.Error.Changed"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(now, cancellationToken);
        }

        return RedirectToPage(null, null, new { id, fait = "ajoute" }, "documents-title");
    }

    /// <summary>The file's bytes and recognised type, or nulls with a field error.</summary>
    private async Task<(byte[]? Content, DocumentType? Type)> ReadUploadAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), text["Document.Upload.Required"]);
            return (null, null);
        }

        if (Upload.Length > SituationDocument.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), text["Document.Upload.TooLarge"]);
            return (null, null);
        }

        var content = new byte[Upload.Length];
        await using (var stream = Upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        // From the bytes, never from the name or the type the browser claims: HTML named .png is refused.
        var type = SituationDocument.Recognise(content);
        if (type is null)
        {
            ModelState.AddModelError(nameof(Upload), text["Document.Upload.WrongType"]);
            return (null, null);
        }

        return (content, type);
    }

    private async Task<Situation?> FindAsync(Guid id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        return await db.FindSituationAsync(authorization, User, id, operation, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(Situation situation, CancellationToken cancellationToken)
    {
        Item = situation;
        ViewData["Section"] = "situations";
        MayUpload = !situation.IsErased && (await authorization.AuthorizeAsync(User, situation, SituationOperations.Contribute)).Succeeded;

        // Never the contents here: a list of ten scans would read a hundred megabytes.
        var stored = await db.SituationDocuments.AsNoTracking()
            .Where(d => d.SituationId == situation.Id)
            .Allowing(SituationDocumentAccess.Rule, User, SituationOperations.View)
            .Select(d => new { d.Id, d.Type, d.Length, d.Name, d.UploadedByService, d.UploadedAt, d.IsErased })
            .ToListAsync(cancellationToken);
        var services = await directory.GetAsync(cancellationToken);
        var language = CashCultures.CurrentLanguage;
        var documents = new List<DocumentView>(stored.Count);
        foreach (var d in stored.OrderByDescending(d => d.UploadedAt.UtcTicks))
        {
            documents.Add(new DocumentView(
                d.Id,
                d.Type,
                d.Length,
                await content.DocumentNameAsync(d.Id, situation.Id, d.Name, cancellationToken),
                services.NameOf(d.UploadedByService, language) ?? "",
                d.UploadedAt,
                d.IsErased));
        }

        Documents = documents;

        // The names are content (a name can name a child): showing them is a read of each document.
        await audit.RecordReadsAsync(nameof(SituationDocument), stored.Where(d => d.Name is not null).Select(d => d.Id.ToString()), cancellationToken);
        return Page();
    }

    /// <summary>One document as listed; <see cref="Name"/> is null when erased or unreadable.</summary>
    public sealed record DocumentView(Guid Id, DocumentType Type, int Length, string? Name, string UploadedBy, DateTimeOffset UploadedAt, bool IsErased);
}
