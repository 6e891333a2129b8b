using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain;
using Cash.Web.Domain.Directory;
using Cash.Web.Localization;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.PartnerServices;

/// <summary>
/// Every partner service with its texts in each language, as read at one moment, and the one
/// place that says what a service is called in the reader's language (falling back to French,
/// then to its slug). Read through <see cref="PartnerDirectoryCache"/>.
/// </summary>
/// <remarks>
/// Shared by every request: the services it hands out are read-only copies. A page that changes a
/// service loads its own tracked copy from the database.
/// </remarks>
public sealed class PartnerDirectory
{
    private readonly Dictionary<int, PartnerService> byId;
    private readonly Dictionary<string, PartnerService> bySlug;
    private readonly Dictionary<string, Names> byLanguage;

    public PartnerDirectory(IEnumerable<PartnerService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = [.. services.OrderBy(s => s.SortOrder).ThenBy(s => s.Slug, StringComparer.Ordinal)];
        PublishedServices = [.. Services.Where(s => s.IsPublished)];
        byId = Services.ToDictionary(s => s.Id);
        bySlug = Services.ToDictionary(s => s.Slug, StringComparer.Ordinal);
        byLanguage = CashCultures.Supported
            .Select(CultureInfo.GetCultureInfo)
            .ToDictionary(c => c.TwoLetterISOLanguageName, c => NamesIn(c.TwoLetterISOLanguageName, c), StringComparer.Ordinal);
    }

    /// <summary>Every service, published or not, in the directory's order.</summary>
    public IReadOnlyList<PartnerService> Services { get; }

    /// <summary>The services shown to the public, in the directory's order.</summary>
    public IReadOnlyList<PartnerService> PublishedServices { get; }

    public PartnerService? Find(int? id) => id is { } key ? byId.GetValueOrDefault(key) : null;

    /// <summary>The published service at <c>/services/{slug}</c>, or null.</summary>
    public PartnerService? FindPublished(string? slug) =>
        slug is not null && bySlug.TryGetValue(slug, out var service) && service.IsPublished ? service : null;

    /// <summary>The name of the service with <paramref name="id"/> in <paramref name="language"/>, or null for no such service.</summary>
    public string? NameOf(int? id, string language) => Find(id) is { } service ? NameIn(service, language) : null;

    /// <summary>Every service, published or not, by name in <paramref name="language"/>, in the directory's order: for the professionals' lists and choices.</summary>
    public IReadOnlyList<ServiceName> All(string language) => For(language).All;

    /// <summary>The published services by name in <paramref name="language"/>, in the directory's order: for lists of links.</summary>
    public IReadOnlyList<ServiceName> Published(string language) => For(language).Published;

    /// <summary>The published services in the alphabetical order of <paramref name="language"/>: for a list to choose from.</summary>
    public IReadOnlyList<ServiceName> PublishedByName(string language) => For(language).PublishedByName;

    private static string NameIn(PartnerService service, string language) =>
        (service.Texts.FirstOrDefault(t => t.Language == language)
            ?? service.Texts.FirstOrDefault(t => t.Language == PartnerService.DefaultLanguage))?.Name
        ?? service.Slug;

    private Names For(string language) =>
        byLanguage.TryGetValue(language, out var names) ? names : NamesIn(language, CultureInfo.GetCultureInfo(CashCultures.Default));

    private Names NamesIn(string language, CultureInfo culture)
    {
        ServiceName Name(PartnerService s) => new(s.Id, s.Slug, NameIn(s, language));
        var published = PublishedServices.Select(Name).ToList();
        return new Names(
            [.. Services.Select(Name)],
            published,
            [.. published.OrderBy(s => s.Name, StringComparer.Create(culture, ignoreCase: true))]);
    }

    private sealed record Names(IReadOnlyList<ServiceName> All, IReadOnlyList<ServiceName> Published, IReadOnlyList<ServiceName> PublishedByName);
}

/// <summary>The <see cref="PartnerDirectory"/> kept in memory (see <see cref="PublicSnapshot{T}"/> for when it is read again).</summary>
public sealed class PartnerDirectoryCache(PublicContentChanges changes, IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly PublicSnapshot<PartnerDirectory> snapshot = new(PublicContentKinds.Directory, LoadAsync, changes, scopes, clock);

    public ValueTask<PartnerDirectory> GetAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    /// <summary>The directory last read, however old, or null: for a page shown while the database does not answer.</summary>
    public PartnerDirectory? Last => snapshot.Last;

    private static async Task<PartnerDirectory> LoadAsync(CashDbContext db, CancellationToken cancellationToken) =>
        new(await db.PartnerServices.AsNoTracking().ToListAsync(cancellationToken));
}

public static class PartnerServicesRegistration
{
    public static IServiceCollection AddPartnerServices(this IServiceCollection services)
    {
        services.AddSingleton<PartnerDirectoryCache>();
        return services;
    }
}
