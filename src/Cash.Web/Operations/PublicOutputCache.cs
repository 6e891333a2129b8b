using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cash.Web.Operations;

/// <summary>
/// Public pages are rendered once per language and served from memory until public content changes
/// (<see cref="PublicContentChanges"/> tells <see cref="Eviction"/>, which evicts <see cref="Tag"/>) or the entry expires,
/// each one compressed as the visitor's browser accepts it (<see cref="PublicPageCompression"/>). What the output
/// cache serves is also kept as it went out, and served before the rest of the pipeline runs (<see cref="RenderedPageCache"/>).
/// </summary>
internal static class PublicOutputCache
{
    public const string Policy = "public";
    public const string Tag = "public";

    /// <summary>Bounds how stale another instance sharing the database can be.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddPublicOutputCache(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPublicContentListener, Eviction>());
        return services
            .AddSingleton<RenderedPages>()
            .AddSingleton<IResponseCompressionProvider, PublicPageCompression>()
            .AddOutputCache(options =>
            {
                options.AddPolicy(Policy, policy => policy
                    .Expire(Expiry)
                    .Tag(Tag)
                    .SetVaryByQuery(Localization.CashCultures.QueryKey)
                    .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name))
                    .VaryByValue(http => new KeyValuePair<string, string>(
                        PublicPageCompression.VaryKey, PublicPageCompression.Negotiate(http.Request)))
                    .AddPolicy<RenderedPageCache.Notice>());
            });
    }

    /// <summary>
    /// The pages served before the pipeline (<see cref="RenderedPageCache"/>): looked up first, kept
    /// when the output cache keeps a page, emptied with it.
    /// </summary>
    public static IApplicationBuilder UseRenderedPages(this IApplicationBuilder app) => app.UseMiddleware<RenderedPageCache>();

    /// <summary>
    /// Every public page may show any kind of public content: any change evicts them all, from the
    /// output cache first, so that no copy is taken again from an entry about to go.
    /// </summary>
    private sealed class Eviction(IOutputCacheStore store, RenderedPages pages) : IPublicContentListener
    {
        public async ValueTask ChangedAsync(IReadOnlySet<string> kinds, CancellationToken cancellationToken)
        {
            await store.EvictByTagAsync(Tag, cancellationToken);
            pages.Clear();
        }
    }
}
