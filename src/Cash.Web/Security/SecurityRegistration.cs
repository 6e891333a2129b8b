using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Cash.Web.Security;

internal static class SecurityRegistration
{
    public const string ProfessionalArea = "/pro";

    /// <summary>
    /// Deny by default: every endpoint needs a signed-in professional unless its page opens it
    /// with <see cref="AllowAnonymousAttribute"/>.
    /// </summary>
    public static WebApplicationBuilder AddCashSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "__Host-cash-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.LoginPath = ProfessionalArea + "/connexion";
                options.Events.OnRedirectToLogin = context =>
                {
                    // Outside the professionals' space an address without a public page simply does
                    // not exist: the visitor gets the helpful 404, never the professionals' door.
                    if (!context.Request.Path.StartsWithSegments(ProfessionalArea))
                    {
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        return builder;
    }
}
