using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Publications;
using Cash.Web.Publications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Publications;

/// <summary>The texts of the poster and the class-diary sheet, per language, with their latest version.</summary>
[Authorize(Roles = nameof(ProRole.Coordinator))]
public sealed class IndexModel(CashDbContext db) : PageModel
{
    public static readonly PrintedResource[] Edited = [PrintedResource.Poster, PrintedResource.ClassDiarySheet];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "publications";
        var saved = await db.PublicationTexts.AsNoTracking()
            .Where(t => !db.PublicationTexts.Any(n => n.Kind == t.Kind && n.Language == t.Language && n.Number > t.Number))
            .Select(t => new { t.Kind, t.Language, t.Number, t.SavedAt })
            .ToListAsync(cancellationToken);
        Rows = [.. from resource in Edited
                   from language in PublicationText.Languages
                   let kind = resource.Kind()!.Value
                   let found = saved.FirstOrDefault(s => s.Kind == kind && s.Language == language)
                   select new Row(resource, language, found?.Number, found?.SavedAt)];
    }

    public sealed record Row(PrintedResource Resource, string Language, int? Number, DateTimeOffset? SavedAt);
}
