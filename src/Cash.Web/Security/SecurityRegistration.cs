using Cash.Web.Authorization;
using Cash.Web.Domain.People;
using Cash.Web.Security.Encryption;
using Cash.Web.Security.Passwords;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Cash.Web.Security;

internal static class SecurityRegistration
{
    public const string ProfessionalArea = "/pro";
    public const string SignInPath = ProfessionalArea + "/connexion";

    /// <summary>
    /// Deny by default: every endpoint needs a signed-in professional unless its page opens it
    /// with <see cref="AllowAnonymousAttribute"/>. Professionals are ASP.NET Core Identity accounts
    /// with a mandatory second factor and server-side sessions.
    /// </summary>
    public static WebApplicationBuilder AddCashSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHttpContextAccessor();

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies =>
            {
                cookies.ApplicationCookie?.Configure(options =>
                {
                    options.Cookie.Name = "__Host-cash-session";
                    HardenCookie(options.Cookie);
                    options.ExpireTimeSpan = UserSession.IdleTimeout;
                    options.SlidingExpiration = true;
                    options.LoginPath = SignInPath;
                    options.LogoutPath = ProfessionalArea + "/deconnexion";
                    options.ReturnUrlParameter = "retour";
                    options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                    options.Events.OnRedirectToLogin = RedirectToSignIn;
                    options.Events.OnRedirectToAccessDenied = context =>
                    {
                        // A plain 403 with the helpful error page, rather than a detour to another address.
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    };
                });
                cookies.TwoFactorUserIdCookie?.Configure(options =>
                {
                    options.Cookie.Name = "__Host-cash-2fa";
                    HardenCookie(options.Cookie);
                    options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                });
            });

        builder.Services.AddIdentityCore<Professional>(options =>
            {
                PasswordPolicy.Configure(options.Password);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Tokens.AuthenticatorTokenProvider = OnceOnlyAuthenticatorTokenProvider.Name;
                options.Tokens.AuthenticatorIssuer = "CASH Mouscron";
                options.ClaimsIdentity.RoleClaimType = System.Security.Claims.ClaimTypes.Role;
            })
            .AddUserStore<ProtectedUserStore>()
            .AddCashPasswordRules()
            .AddSignInManager<CashSignInManager>()
            .AddClaimsPrincipalFactory<ProfessionalClaimsFactory>()
            .AddTokenProvider<OnceOnlyAuthenticatorTokenProvider>(OnceOnlyAuthenticatorTokenProvider.Name)
            .AddDefaultTokenProviders();
        builder.Services.AddScoped(services => (CashSignInManager)services.GetRequiredService<SignInManager<Professional>>());

        builder.Services.AddCashAuthorization();

        // The forms' security cookie: Secure whenever the page came over https (behind the proxy too,
        // through X-Forwarded-Proto). Its name keeps the framework's prefix, which the privacy page gives.
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Left to SecurityHeaders, which says DENY on every page; the antiforgery default would put SAMEORIGIN on forms.
            options.SuppressXFrameOptionsHeader = true;
        });

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        return builder;
    }

    // __Host- cookies: Secure, no Domain, Path=/. Browsers treat http://localhost and 127.0.0.1 as
    // secure contexts, so local plain-http development works with them too.
    private static void HardenCookie(CookieBuilder cookie)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.IsEssential = true;
    }

    private static Task RedirectToSignIn(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        // Outside the professionals' space an address without a public page simply does not
        // exist: the visitor gets the helpful 404, never the professionals' door.
        if (!context.Request.Path.StartsWithSegments(ProfessionalArea))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        // Relative, built here rather than taken from the handler: its address starts with the Host
        // header the client sent, which anyone can forge.
        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect(context.Request.PathBase + SignInPath + QueryString.Create("retour", LocalUrl.OrRoot(back)));
        return Task.CompletedTask;
    }
}
