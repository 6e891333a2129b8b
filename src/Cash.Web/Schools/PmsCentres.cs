using Cash.Web.Data;
using Cash.Web.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Schools;

/// <summary>
/// The partner services a school can name as its PMS centre. Chosen by kind
/// (<see cref="ServiceKind.PmsCentre"/>), not by a slug prefix: the kind is what the directory
/// says a service is, and a new centre added with another slug is still offered.
/// </summary>
public static class PmsCentres
{
    public sealed record Centre(int Id, string Slug, string Name, string FrenchName, bool IsPmsCentre);

    /// <summary>
    /// Every service with its name in <paramref name="language"/> and in French (what a file may
    /// name it by); PMS centres first. Other kinds are loaded so a file naming one gets a precise
    /// message rather than "unknown".
    /// </summary>
    public static async Task<IReadOnlyList<Centre>> LoadAsync(CashDbContext db, string language, CancellationToken cancellationToken) =>
        await db.PartnerServices.AsNoTracking()
            .OrderBy(s => s.Kind != ServiceKind.PmsCentre)
            .ThenBy(s => s.SortOrder)
            .ThenBy(s => s.Slug)
            .Select(s => new Centre(
                s.Id,
                s.Slug,
                s.Texts.Where(t => t.Language == language).Select(t => t.Name).FirstOrDefault()
                    ?? s.Texts.Where(t => t.Language == PartnerService.DefaultLanguage).Select(t => t.Name).FirstOrDefault()
                    ?? s.Slug,
                s.Texts.Where(t => t.Language == PartnerService.DefaultLanguage).Select(t => t.Name).FirstOrDefault() ?? s.Slug,
                s.Kind == ServiceKind.PmsCentre))
            .ToListAsync(cancellationToken);

    public static string? NameOf(this IReadOnlyList<Centre> centres, int? id) =>
        id is null ? null : centres.FirstOrDefault(c => c.Id == id)?.Name;
}
