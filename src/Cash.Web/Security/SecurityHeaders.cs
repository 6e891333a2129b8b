namespace Cash.Web.Security;

/// <summary>The response headers every page carries (QUALITY.md, ASVS 14.4).</summary>
internal static class SecurityHeaders
{
    // No inline script or style anywhere: everything the pages need comes from this origin.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Added as the response starts, not now: the exception handler clears the headers before
            // it renders the error page, and that page needs them as much as any other.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
                headers.TryAdd("X-Content-Type-Options", "nosniff");
                headers.TryAdd("X-Frame-Options", "DENY");
                headers.TryAdd("Referrer-Policy", "no-referrer");
                headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                if (((HttpContext)state).Request.Path.StartsWithSegments(SecurityRegistration.ProfessionalArea))
                {
                    // Nothing of the professionals' space stays in a browser's or a proxy's cache.
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
