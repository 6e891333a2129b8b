using Cash.Web.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.PartnerServices;

/// <summary>
/// Every partner service, published or not, by id with its name in the reader's language: for the
/// professionals' lists and choices (people, invitations, the audit log).
/// </summary>
public static class ServiceNames
{
    public static async Task<IReadOnlyList<ServiceChoice>> ChoicesAsync(this IQueryable<PartnerService> services, string language, CancellationToken cancellationToken) =>
        await services.AsNoTracking()
            .OrderBy(s => s.SortOrder)
            .ThenBy(s => s.Slug)
            .Select(s => new ServiceChoice(
                s.Id,
                s.Texts.Where(t => t.Language == language).Select(t => t.Name).FirstOrDefault()
                    ?? s.Texts.Where(t => t.Language == PartnerService.DefaultLanguage).Select(t => t.Name).FirstOrDefault()
                    ?? s.Slug))
            .ToListAsync(cancellationToken);

    /// <summary>The name of the service with <paramref name="id"/>, or null for none.</summary>
    public static string? NameOf(this IReadOnlyList<ServiceChoice> choices, int? id) =>
        id is null ? null : choices.FirstOrDefault(c => c.Id == id)?.Name;
}

public sealed record ServiceChoice(int Id, string Name);
