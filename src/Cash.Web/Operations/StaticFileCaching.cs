using Microsoft.Net.Http.Headers;

namespace Cash.Web.Operations;

/// <summary>
/// Static files linked with a version stamp (<c>?v=</c>, from asp-append-version) never change
/// under that address, so a phone keeps them for a year; unversioned ones are revalidated.
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
                : "no-cache";
        },
    };
}
