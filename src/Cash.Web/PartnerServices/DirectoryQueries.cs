using Cash.Web.Domain.Directory;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.PartnerServices;

internal static class DirectoryQueries
{
    /// <summary>The services shown to the public, in the directory's order.</summary>
    public static IQueryable<PartnerService> Published(this IQueryable<PartnerService> services) =>
        services.Where(s => s.IsPublished).OrderBy(s => s.SortOrder).ThenBy(s => s.Slug);

    /// <summary>The published services' names in one language, for lists of links.</summary>
    public static async Task<IReadOnlyList<ServiceName>> PublishedNamesAsync(this IQueryable<PartnerService> services, string language, CancellationToken cancellationToken)
    {
        var published = await services.AsNoTracking().Published().ToListAsync(cancellationToken);
        return [.. published.Select(s => new ServiceName(s.Slug, s.TextFor(language).Name))];
    }
}

/// <summary>A service's address on the site and its name in the reader's language.</summary>
public sealed record ServiceName(string Slug, string Name);
