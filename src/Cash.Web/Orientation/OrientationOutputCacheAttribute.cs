using System.Globalization;
using Cash.Web.Operations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Cash.Web.Orientation;

/// <summary>
/// The public pages' cache rules (anonymous GETs, 200 without cookies, per language, 5 minutes,
/// evicted with the directory's tag) varying by the whole query as well, where the answers travel.
/// The shared named policy cannot simply be given <c>VaryByQueryKeys = ["*"]</c>: the attribute
/// merges both key lists, and "*" among others names a key instead of all of them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OrientationOutputCacheAttribute : Attribute, IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && StringValues.IsNullOrEmpty(http.Request.Headers.Authorization)
            && http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = PublicOutputCache.Expiry;
        context.Tags.Add(PublicOutputCache.Tag);
        // Only what the assistant reads: any other key would make a new entry per made-up query.
        context.CacheVaryByRules.QueryKeys = VariedKeys;
        context.CacheVaryByRules.VaryByValues["lang"] = CultureInfo.CurrentUICulture.Name;
        context.CacheVaryByRules.VaryByValues[PublicPageCompression.VaryKey] = PublicPageCompression.Negotiate(http.Request);
        return ValueTask.CompletedTask;
    }

    private static readonly Microsoft.Extensions.Primitives.StringValues VariedKeys = new(
    [
        OrientationAnswers.RoleKey, OrientationAnswers.DangerKey, OrientationAnswers.FormsKey, OrientationAnswers.OnlineKey,
        OrientationAnswers.WhereKey, OrientationAnswers.WishesKey, OrientationAnswers.NextKey, Localization.CashCultures.QueryKey,
    ]);

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        RenderedPageCache.Notice.Storable(context);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;

        // A redirect, an error or a language cookie being set is never stored.
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        RenderedPageCache.Notice.Storable(context);
        return ValueTask.CompletedTask;
    }
}
