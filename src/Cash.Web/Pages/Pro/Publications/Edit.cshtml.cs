using System.ComponentModel.DataAnnotations;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Publications;
using Cash.Web.Forms;
using Cash.Web.Meetings;
using Cash.Web.Publications;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Publications;

/// <summary>
/// A coordinator writes the text of the poster or the class-diary sheet in one language (Markdown):
/// a preview made on the server, then a save that adds a version (the public page shows the latest).
/// Saved against the version the form was opened with: a version saved meanwhile by someone else is
/// never overwritten in silence. An earlier version can be taken back into the form.
/// </summary>
[Authorize(Roles = nameof(ProRole.Coordinator))]
public sealed class EditModel(CashDbContext db, MinutesRenderer renderer, TimeProvider clock, IStringLocalizer<ResourceTexts> text) : PageModel
{
    [BindProperty]
    public TextInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "version")]
    public int? Taken { get; set; }

    [BindProperty(SupportsGet = true, Name = "fait")]
    public int? Saved { get; set; }

    public PrintedResource Resource { get; private set; }

    public string Language { get; private set; } = "fr";

    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    /// <summary>The sanitized HTML of the text as typed, after "preview".</summary>
    public string? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string language, CancellationToken cancellationToken)
    {
        if (!Find(slug, language))
        {
            return NotFound();
        }

        await LoadHistoryAsync(cancellationToken);
        var latest = Latest;
        var shown = Taken is { } number ? History.FirstOrDefault(h => h.Number == number) : latest;
        Input = new TextInput
        {
            Markdown = shown is null ? null : await db.PublicationTexts.AsNoTracking().Where(t => t.Id == shown.Id).Select(t => t.Markdown).SingleAsync(cancellationToken),
            Base = latest?.Number ?? 0,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string slug, string language, CancellationToken cancellationToken)
    {
        if (!Find(slug, language))
        {
            return NotFound();
        }

        await LoadHistoryAsync(cancellationToken);
        if (ModelState.IsValid)
        {
            Preview = renderer.ToHtml(Input.Markdown);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string language, CancellationToken cancellationToken)
    {
        if (!Find(slug, language))
        {
            return NotFound();
        }

        var kind = Resource.Kind()!.Value;
        var latest = await LatestAsync(kind, cancellationToken);
        if (ModelState.IsValid && (latest?.Number ?? 0) != Input.Base)
        {
            return await ChangedMeanwhileAsync(cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            await LoadHistoryAsync(cancellationToken);
            return Page();
        }

        var markdown = Input.Markdown!.Trim();
        var at = clock.GetUtcNow();
        var version = latest is null
            ? new PublicationText(Guid.CreateVersion7(), kind, Language, 1, markdown, User.ProfessionalId(), at)
            : latest.Next(Guid.CreateVersion7(), markdown, User.ProfessionalId(), at);
        db.PublicationTexts.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two saves of the same version at once: the unique index let one through.
            db.ChangeTracker.Clear();
            if (await AnotherSavedAsync(kind, version.Number, cancellationToken))
            {
                return await ChangedMeanwhileAsync(cancellationToken);
            }

            throw;
        }

        return Redirect($"/pro/publications/{Resource.Slug()}/{Language}?fait={version.Number}#history-title");
    }

    private bool Find(string slug, string language)
    {
        if (PrintedResources.FromSlug(slug) is not { } resource || resource.Kind() is null || !PublicationText.Languages.Contains(language))
        {
            return false;
        }

        (Resource, Language) = (resource, language);
        ViewData["Section"] = "publications";
        return true;
    }

    private Task<PublicationText?> LatestAsync(PublicationKind kind, CancellationToken cancellationToken) =>
        db.PublicationTexts.AsNoTracking()
            .Where(t => t.Kind == kind && t.Language == Language)
            .OrderByDescending(t => t.Number)
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<bool> AnotherSavedAsync(PublicationKind kind, int number, CancellationToken cancellationToken)
    {
        using var scope = HttpContext.RequestServices.CreateScope();
        var fresh = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        return await fresh.PublicationTexts.AnyAsync(t => t.Kind == kind && t.Language == Language && t.Number == number, cancellationToken);
    }

    private async Task<IActionResult> ChangedMeanwhileAsync(CancellationToken cancellationToken)
    {
        await LoadHistoryAsync(cancellationToken);
        ModelState.AddModelError("Input.Markdown", text["Edit.ChangedMeanwhile", Latest?.Number ?? 0]);

        // The form is sent again against the version now saved, with the text as typed.
        ModelState.SetModelValue("Input.Base", Latest?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        Input.Base = Latest?.Number ?? 0;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadHistoryAsync(CancellationToken cancellationToken)
    {
        var kind = Resource.Kind()!.Value;
        var rows = await (
            from t in db.PublicationTexts.AsNoTracking()
            where t.Kind == kind && t.Language == Language
            join p in db.Users on t.SavedBy equals p.Id into savers
            from p in savers.DefaultIfEmpty()
            select new { t.Id, t.Number, t.SavedAt, Name = p == null ? null : p.DisplayName })
            .ToListAsync(cancellationToken);
        History = [.. rows.OrderByDescending(r => r.Number).Select(r => new HistoryRow(r.Id, r.Number, r.SavedAt, r.Name))];
    }

    private HistoryRow? Latest => History.Count > 0 ? History[0] : null;

    public sealed record HistoryRow(Guid Id, int Number, DateTimeOffset SavedAt, string? SavedBy);

    [MessagesFrom(typeof(ResourceTexts))]
    public sealed class TextInput
    {
        [Required(ErrorMessage = "Edit.Markdown.Required")]
        [MaxTrimmedLength(PublicationText.MaxMarkdownLength, ErrorMessage = "Edit.Markdown.TooLong")]
        public string? Markdown { get; set; }

        /// <summary>The latest version when the form was shown (0: none yet).</summary>
        public int Base { get; set; }
    }
}
