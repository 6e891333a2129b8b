using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cash.Web.Operations;

/// <summary>
/// Public pages are rendered once per language and served from memory until public content changes
/// (<see cref="PublicContentChanges"/> tells <see cref="Eviction"/>, which evicts <see cref="Tag"/>) or the entry expires,
/// each one compressed as the visitor's browser accepts it (<see cref="PublicPageCompression"/>).
/// </summary>
internal static class PublicOutputCache
{
    public const string Policy = "public";
    public const string Tag = "public";

    public static IServiceCollection AddPublicOutputCache(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPublicContentListener, Eviction>());
        return services
            .AddSingleton<IResponseCompressionProvider, PublicPageCompression>()
            .AddOutputCache(options =>
            {
                // Expiry bounds how stale another instance sharing the database can be.
                options.AddPolicy(Policy, policy => policy
                    .Expire(TimeSpan.FromMinutes(5))
                    .Tag(Tag)
                    .SetVaryByQuery(Localization.CashCultures.QueryKey)
                    .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name))
                    .VaryByValue(http => new KeyValuePair<string, string>(
                        PublicPageCompression.VaryKey, PublicPageCompression.Negotiate(http.Request))));
            });
    }

    /// <summary>Every public page may show any kind of public content: any change evicts them all.</summary>
    private sealed class Eviction(IOutputCacheStore store) : IPublicContentListener
    {
        public ValueTask ChangedAsync(IReadOnlySet<string> kinds, CancellationToken cancellationToken) =>
            store.EvictByTagAsync(Tag, cancellationToken);
    }
}
