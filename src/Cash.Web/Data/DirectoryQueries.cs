using Cash.Web.Domain.Directory;

namespace Cash.Web.Data;

internal static class DirectoryQueries
{
    /// <summary>The services shown to the public, in the directory's order.</summary>
    public static IQueryable<PartnerService> Published(this IQueryable<PartnerService> services) =>
        services.Where(s => s.IsPublished).OrderBy(s => s.SortOrder).ThenBy(s => s.Slug);
}
