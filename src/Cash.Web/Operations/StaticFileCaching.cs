using Microsoft.Net.Http.Headers;

namespace Cash.Web.Operations;

/// <summary>
/// Static files linked with a version stamp (<c>?v=</c>, from asp-append-version) never change
/// under that address, so a phone keeps them for a year; unversioned ones are revalidated, except the
/// site's icon, kept a day.
/// </summary>
public static class StaticFileCaching
{
    public static StaticFileOptions Options { get; } = new()
    {
        OnPrepareResponse = context =>
        {
            var versioned = context.Context.Request.Query.ContainsKey("v");
            context.Context.Response.Headers[HeaderNames.CacheControl] = versioned
                ? "public, max-age=31536000, immutable"
                : IsIcon(context.Context.Request.Path)
                    // Browsers ask for /favicon.ico on their own, unversioned: a day spares the request on every page.
                    ? "public, max-age=86400"
                    : "no-cache";
        },
    };

    private static bool IsIcon(PathString path) =>
        path.Equals("/favicon.ico", StringComparison.OrdinalIgnoreCase) || path.Equals("/favicon.svg", StringComparison.OrdinalIgnoreCase);
}
