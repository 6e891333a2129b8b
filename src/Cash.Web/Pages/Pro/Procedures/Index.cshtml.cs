using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Procedures;
using Cash.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Procedures;

/// <summary>The procedures' templates, for the coordinators who edit them.</summary>
[Authorize(Roles = nameof(ProRole.Coordinator))]
public sealed class IndexModel(CashDbContext db) : PageModel
{
    public IReadOnlyList<TemplateRow> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "procedures";
        var language = CashCultures.CurrentLanguage;
        var templates = await db.ProcedureTemplates.AsNoTracking().Include(t => t.Versions).OrderBy(t => t.Key).ToListAsync(cancellationToken);
        Templates = [.. templates.Select(t =>
        {
            var latest = t.Versions.Where(v => !v.IsDraft).MaxBy(v => v.Number);
            return new TemplateRow(t.Key, t.Title.In(language), t.Audience, latest?.Number, latest?.PublishedAt, t.Versions.Any(v => v.IsDraft));
        })];
    }

    public sealed record TemplateRow(string Key, string Title, ProcedureAudience Audience, int? LatestNumber, DateTimeOffset? PublishedAt, bool HasDraft);
}
