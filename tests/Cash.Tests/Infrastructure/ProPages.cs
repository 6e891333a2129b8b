using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>The professionals' pages as the app itself declares them, so that a matrix over them cannot forget one.</summary>
public static class ProPages
{
    /// <summary>Every Razor page whose route starts with <paramref name="prefix"/>, from the app's endpoints, with the names of its POST handlers.</summary>
    public static async Task<List<(string Template, string[] PostHandlers)>> DiscoverAsync(WebApplicationFactory<Program> app, string prefix = "pro")
    {
        ArgumentNullException.ThrowIfNull(app);
        var loader = app.Services.GetRequiredService<PageLoader>();
        var pages = new List<(string, string[])>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is null || !(template == prefix || template.StartsWith(prefix + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var handlers = compiled.HandlerMethods
                .Where(h => string.Equals(h.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase))
                .Select(h => h.Name ?? "")
                .ToArray();
            pages.Add((template, handlers));
        }

        return pages;
    }
}
