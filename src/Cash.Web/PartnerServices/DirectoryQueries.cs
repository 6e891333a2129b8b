using Cash.Web.Domain.Directory;

namespace Cash.Web.PartnerServices;

internal static class DirectoryQueries
{
    /// <summary>The services in the directory's order.</summary>
    public static IOrderedQueryable<PartnerService> InDirectoryOrder(this IQueryable<PartnerService> services) =>
        services.OrderBy(s => s.SortOrder).ThenBy(s => s.Slug);
}

/// <summary>A service's id, its address on the site and its name in the reader's language.</summary>
public sealed record ServiceName(int Id, string Slug, string Name);

public static class ServiceNameLists
{
    /// <summary>The name of the service with <paramref name="id"/> in a list read from the <see cref="PartnerDirectory"/>, or null for none.</summary>
    public static string? NameOf(this IReadOnlyList<ServiceName> names, int? id) =>
        id is null ? null : names.FirstOrDefault(n => n.Id == id)?.Name;
}
