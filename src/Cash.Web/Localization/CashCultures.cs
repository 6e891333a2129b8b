using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Localization;

/// <summary>French first (fr-BE), then Dutch (nl-BE) and English, as Mouscron's language facilities ask.</summary>
internal static class CashCultures
{
    public const string Default = "fr-BE";
    public const string CookieName = "cash-lang";
    public const string QueryKey = "culture";

    public static readonly string[] Supported = [Default, "nl-BE", "en"];

    /// <summary>The two-letter language of the current request (<c>fr</c>, <c>nl</c> or <c>en</c>).</summary>
    public static string CurrentLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>
    /// Validation messages in input models are resource keys: the professionals' pages read them
    /// from <c>ProSpace*.resx</c>, the public pages from <c>Portal*.resx</c>.
    /// </summary>
    public static IStringLocalizer ValidationMessages(Type modelType, IStringLocalizerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        ArgumentNullException.ThrowIfNull(factory);
        var professional = modelType.FullName?.StartsWith("Cash.Web.Pages.Pro.", StringComparison.Ordinal) == true;
        return factory.Create(professional ? typeof(Resources.ProSpace) : typeof(Resources.Portal));
    }

    public static WebApplicationBuilder AddCashLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        builder.Services.AddSingleton<IStringLocalizerFactory, CachingStringLocalizerFactory>();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Default)
                .AddSupportedCultures(Supported)
                .AddSupportedUICultures(Supported);
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 3 },
            ];
        });
        return builder;
    }

    /// <summary>
    /// Resolves the culture, and remembers an explicit choice (<c>?culture=nl-BE</c>) in the only
    /// cookie the public site sets.
    /// </summary>
    public static IApplicationBuilder UseCashLocalization(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        return app.Use((context, next) =>
        {
            var chosen = context.Request.Query[QueryKey].ToString();
            var culture = Array.Find(Supported, c => string.Equals(c, chosen, StringComparison.OrdinalIgnoreCase));
            if (culture is not null && context.Request.Cookies[CookieName] != CookieValue(culture))
            {
                context.Response.Cookies.Append(CookieName, CookieValue(culture), new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                    Path = "/",
                });
            }

            return next(context);
        });
    }

    private static string CookieValue(string culture) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
}
