using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Cash.Web.Security;

/// <summary>
/// What a request may be before any page sees it: one of the methods pages answer, and a body no
/// larger than a form can honestly hold.
/// </summary>
internal static class RequestLimits
{
    /// <summary>The methods pages and endpoints answer; the others get 405 before any page runs.</summary>
    public const string AllowedMethods = "GET, HEAD, POST";

    /// <summary>
    /// The body of an ordinary form: the longest public text is 5,000 characters, at most 6 bytes each
    /// once form-encoded, with room for the other fields. A page that takes more says so with
    /// <see cref="Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute"/> (the school import does).
    /// </summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddCashRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FormOptions>(options =>
        {
            // The largest form has a few dozen fields; thousands are only ever someone's experiment.
            options.ValueCountLimit = 256;
            options.KeyLengthLimit = 200;
            options.ValueLengthLimit = (int)DefaultMaxBodyBytes;
            options.MultipartBodyLengthLimit = DefaultMaxBodyBytes;
        });
        return builder;
    }

    /// <summary>
    /// TRACE, PUT, DELETE, OPTIONS and the rest would otherwise reach a page without its handler
    /// running (a page rendered from an empty model, or a 500): refused here with the list of methods
    /// that work. No page body: no browser navigates with these methods.
    /// </summary>
    public static IApplicationBuilder UseOnlyPageMethods(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = AllowedMethods;
            return Task.CompletedTask;
        });

    /// <summary>
    /// Refuses a body over the endpoint's limit with 413 before anything reads it, so the error page
    /// (re-executed for the status) says what happened; after routing, to know the endpoint's limit.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // The error page shown for a refused body is reached with the same request headers.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                return next(context);
            }

            var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
            var limit = metadata is null ? DefaultMaxBodyBytes : metadata.MaxRequestBodySize;
            if (limit is not null && context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            // A body without a declared length (chunked) is cut by the server when it passes the limit.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            {
                server.MaxRequestBodySize = limit;
            }

            return next(context);
        });
}
