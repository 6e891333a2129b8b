using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

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
    /// from <c>ProSpace*.resx</c>, the public pages from <c>Portal*.resx</c>; a model marked
    /// <see cref="Forms.MessagesFromAttribute"/> from its feature's own set first.
    /// </summary>
    public static IStringLocalizer ValidationMessages(Type modelType, IStringLocalizerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        ArgumentNullException.ThrowIfNull(factory);
        var professional = modelType.FullName?.StartsWith("Cash.Web.Pages.Pro.", StringComparison.Ordinal) == true;
        var place = factory.Create(professional ? typeof(Resources.ProSpace) : typeof(Resources.Portal));
        return modelType.GetCustomAttributes(typeof(Forms.MessagesFromAttribute), inherit: false) is [Forms.MessagesFromAttribute own]
            ? new FirstFoundStringLocalizer(factory.Create(own.Resource), place)
            : place;
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
            // One resolver, so that the copies of rendered pages (looked up before this middleware runs)
            // are filed under the very culture the page is then rendered in.
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(context => Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(Resolve(context.Request)))),
            ];
        });
        return builder;
    }

    /// <summary>
    /// The culture a request asks for: <c>?culture=</c>, else the language cookie, else the first three of
    /// the browser's preferences by quality (none refused with <c>q=0</c>), else French. Each is matched
    /// against the supported cultures, then by its language (<see cref="Match"/>); one that matches nothing
    /// is passed over.
    /// </summary>
    public static string Resolve(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Match(QueryValue(request)) is { } chosen)
        {
            return chosen;
        }

        if (request.Cookies.TryGetValue(CookieName, out var cookie)
            && CookieRequestCultureProvider.ParseCookieValue(cookie) is { UICultures: [var remembered, ..] }
            && Match(remembered.Value) is { } fromCookie)
        {
            return fromCookie;
        }

        var header = request.Headers.AcceptLanguage;
        if (!StringValues.IsNullOrEmpty(header) && Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(header, out var preferences))
        {
            foreach (var preference in preferences.Where(p => p.Quality is not 0).OrderByDescending(p => p.Quality ?? 1).Take(3))
            {
                if (Match(preference.Value.Value) is { } preferred)
                {
                    return preferred;
                }
            }
        }

        return Default;
    }

    /// <summary>
    /// The value of <c>?culture=</c> (an empty string when the key has none), or null when the query has
    /// no such key. The query string is read as it stands rather than parsed into a collection, so a page
    /// served from memory (<see cref="Operations.RenderedPageCache"/>) does not pay for parsing every answer
    /// of the orientation assistant; a name with an escape in it (<c>cultur%65</c>) is left to the parser.
    /// </summary>
    public static string? QueryValue(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rest = request.QueryString.Value.AsSpan();
        if (rest.StartsWith("?"))
        {
            rest = rest[1..];
        }

        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('&');
            var pair = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            if (name.Equals(QueryKey, StringComparison.OrdinalIgnoreCase) || name.ContainsAny('%', '+'))
            {
                return request.Query.TryGetValue(QueryKey, out var values) ? values.ToString() : null;
            }
        }

        return null;
    }

    /// <summary>A supported culture by name, else by language: <c>nl</c> and <c>nl-NL</c> give <c>nl-BE</c>, <c>en-GB</c> gives <c>en</c>.</summary>
    private static string? Match(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var dash = name.IndexOf('-');
        var language = dash < 0 ? name : name[..dash];
        return Array.Find(Supported, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
            ?? Array.Find(Supported, c => c.Split('-')[0].Equals(language, StringComparison.OrdinalIgnoreCase));
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
            var chosen = QueryValue(context.Request);
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
