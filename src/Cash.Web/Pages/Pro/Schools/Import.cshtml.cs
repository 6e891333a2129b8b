using System.Security.Cryptography;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Schools;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Schools;

/// <summary>
/// Imports schools from a CSV file in two steps: the upload shows what would change and every
/// problem line by line; the confirmation applies it, all or nothing. Between the two, the file's
/// text travels in the form sealed by Data Protection (authenticated, time-limited, bound to the
/// person), so nothing is kept on the server and nothing posted back is trusted unsealed.
/// </summary>
[Authorize(Policy = ProPolicies.Administrator)]
// A file, or its sealed preview, is far more than an ordinary form's 64 KB (Security/RequestLimits.cs).
[RequestSizeLimit(4 * SchoolCsv.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 3 * SchoolCsv.MaxBytes, ValueLengthLimit = 3 * SchoolCsv.MaxBytes)]
public sealed class ImportModel(CashDbContext db, PartnerDirectoryCache directory, AuditTrail audit, IDataProtectionProvider protection, TimeProvider clock, IStringLocalizer<ProSpace> text) : PageModel
{
    public const string ImportAction = AuditActions.SchoolsImport;

    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromMinutes(30);

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The sealed text of the previewed file.</summary>
    [BindProperty]
    public string? Payload { get; set; }

    public SchoolImport.Plan? Plan { get; private set; }

    public IReadOnlyList<PmsCentres.Centre> Centres { get; private set; } = [];

    /// <summary>The problems in words, in file order.</summary>
    public IReadOnlyList<(int? Line, string? Column, string Message)> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var csv = await ReadUploadAsync(cancellationToken);
        if (csv is null)
        {
            return Page();
        }

        if (await PlanAsync(csv, cancellationToken))
        {
            Payload = Protector.Protect(Seal(Guid.NewGuid(), csv), PreviewLifetime);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var preview = Unseal(Payload);
        Payload = null;
        if (preview is not { } unsealed)
        {
            ModelState.AddModelError(nameof(Upload), text["Schools.Import.Expired"]);
            return Page();
        }

        var (previewId, csv) = unsealed;

        if (await IsConfirmedAsync(previewId, cancellationToken))
        {
            ModelState.AddModelError(nameof(Upload), text["Schools.Import.AlreadyConfirmed"]);
            return Page();
        }

        // Planned again against the schools as they are now: someone may have changed them since the preview.
        if (!await PlanAsync(csv, cancellationToken))
        {
            return Page();
        }

        var counts = Plan!.Counts;
        try
        {
            // In the import's own transaction: of two confirmations of one preview, the second finds the key taken.
            db.SchoolImportConfirmations.Add(new SchoolImportConfirmation(previewId, clock.GetUtcNow()));
            await SchoolImport.ApplyAsync(db, Plan, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Nothing was written. Either this preview was confirmed meanwhile (a double click, a second
            // tab), or a name was taken meanwhile by another save and the person starts again.
            db.ChangeTracker.Clear();
            Plan = null;
            var confirmed = await IsConfirmedAsync(previewId, cancellationToken);
            ModelState.AddModelError(nameof(Upload), text[confirmed ? "Schools.Import.AlreadyConfirmed" : "Schools.Import.Conflict"]);
            return Page();
        }

        await audit.RecordAsync(ImportAction, AuditOutcome.Success, nameof(School), counts.ForAudit(), cancellationToken: cancellationToken);
        return RedirectToPage("Index", new { importe = counts.ToString() });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Centres = PmsCentres.Of(await directory.GetAsync(cancellationToken), CashCultures.CurrentLanguage);
        ViewData["Section"] = "schools";
    }

    /// <summary>The uploaded file's text, or null with a field error.</summary>
    private async Task<string?> ReadUploadAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), text["Schools.Import.Upload.Required"]);
            return null;
        }

        if (Upload.Length > SchoolCsv.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), text["Schools.Import.Upload.TooLarge"]);
            return null;
        }

        using var buffer = new MemoryStream((int)Upload.Length);
        await using (var stream = Upload.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        // The type is judged by the content, not by the name or the type the browser claims: text in UTF-8, without NUL.
        var csv = SchoolCsv.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (csv is null || csv.Contains('\0', StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Upload), text["Schools.Import.Upload.NotUtf8"]);
            return null;
        }

        return csv;
    }

    /// <summary>Parses and plans; false (with the problems listed and a summary error) when anything is wrong.</summary>
    private async Task<bool> PlanAsync(string csv, CancellationToken cancellationToken)
    {
        var file = SchoolCsv.Parse(csv);
        var plan = await SchoolImport.PlanAsync(db, file, Centres, cancellationToken);
        if (plan.Problems.Count == 0)
        {
            Plan = plan;
            return true;
        }

        Problems = [.. plan.Problems.Select(p => (p.Line, p.Column, text[p.Key, p.Arguments].Value))];
        ModelState.AddModelError(nameof(Upload), text["Schools.Import.HasProblems", plan.Problems.Count]);
        return false;
    }

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("cash/schools-import/v1").ToTimeLimitedDataProtector();

    private Task<bool> IsConfirmedAsync(Guid previewId, CancellationToken cancellationToken) =>
        db.SchoolImportConfirmations.AnyAsync(c => c.PreviewId == previewId, cancellationToken);

    // Bound to the person: a sealed preview copied into another administrator's session is refused.
    // The preview's own id makes it confirmable once (SchoolImportConfirmation).
    private string Seal(Guid previewId, string csv) => $"{User.ProfessionalId()}\n{previewId:N}\n{csv}";

    private (Guid PreviewId, string Csv)? Unseal(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }

        try
        {
            var unsealed = Protector.Unprotect(payload);
            var owner = $"{User.ProfessionalId()}\n";
            if (!unsealed.StartsWith(owner, StringComparison.Ordinal))
            {
                return null;
            }

            var rest = unsealed[owner.Length..];
            var end = rest.IndexOf('\n', StringComparison.Ordinal);
            return end > 0 && Guid.TryParseExact(rest[..end], "N", out var previewId) ? (previewId, rest[(end + 1)..]) : null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
