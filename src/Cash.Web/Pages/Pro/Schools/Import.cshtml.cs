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
public sealed class ImportModel(CashDbContext db, PartnerDirectoryCache directory, AuditTrail audit, IDataProtectionProvider protection, IStringLocalizer<ProSpace> text) : PageModel
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
            Payload = Protector.Protect(Seal(csv), PreviewLifetime);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var csv = Unseal(Payload);
        Payload = null;
        if (csv is null)
        {
            ModelState.AddModelError(nameof(Upload), text["Schools.Import.Expired"]);
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
            await SchoolImport.ApplyAsync(db, Plan, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A name taken meanwhile by another save: nothing was written, the person starts again.
            db.ChangeTracker.Clear();
            Plan = null;
            ModelState.AddModelError(nameof(Upload), text["Schools.Import.Conflict"]);
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

    // Bound to the person: a sealed preview copied into another administrator's session is refused.
    private string Seal(string csv) => $"{User.ProfessionalId()}\n{csv}";

    private string? Unseal(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }

        try
        {
            var unsealed = Protector.Unprotect(payload);
            var owner = $"{User.ProfessionalId()}\n";
            return unsealed.StartsWith(owner, StringComparison.Ordinal) ? unsealed[owner.Length..] : null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
