using System.Globalization;

namespace Cash.Web.Operations;

/// <summary>
/// Public pages are rendered once per language and served from memory until the directory changes
/// (<see cref="Data.DirectoryCacheInterceptor"/> evicts <see cref="Tag"/>) or the entry expires.
/// </summary>
internal static class PublicOutputCache
{
    public const string Policy = "public";
    public const string Tag = "public";

    public static IServiceCollection AddPublicOutputCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            // Expiry bounds how stale another instance sharing the database can be.
            options.AddPolicy(Policy, policy => policy
                .Expire(TimeSpan.FromMinutes(5))
                .Tag(Tag)
                .SetVaryByQuery(Localization.CashCultures.QueryKey)
                .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name)));
        });
}
