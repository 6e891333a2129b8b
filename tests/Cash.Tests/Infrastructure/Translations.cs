using System.Globalization;
using System.Resources;
using Cash.Web.Resources;

namespace Cash.Tests.Infrastructure;

/// <summary>The interface strings the app itself uses, so tests can tell which language a page is in.</summary>
public static class Translations
{
    private static readonly ResourceManager UiStrings = new(typeof(Ui).FullName!, typeof(Ui).Assembly);
    private static readonly ResourceManager PortalStrings = new(typeof(Portal).FullName!, typeof(Portal).Assembly);
    private static readonly ResourceManager ContentStrings = new(typeof(Content).FullName!, typeof(Content).Assembly);
    private static readonly ResourceManager ProSpaceStrings = new(typeof(ProSpace).FullName!, typeof(ProSpace).Assembly);
    private static readonly ResourceManager SituationStrings = new(typeof(SituationTexts).FullName!, typeof(SituationTexts).Assembly);
    private static readonly ResourceManager InterventionStrings = new(typeof(InterventionTexts).FullName!, typeof(InterventionTexts).Assembly);
    private static readonly ResourceManager ToolStrings = new(typeof(ToolTexts).FullName!, typeof(ToolTexts).Assembly);

    public static string Ui(string key, string language) =>
        UiStrings.GetString(key, CultureInfo.GetCultureInfo(language))
            ?? throw new InvalidOperationException($"No interface string '{key}'.");

    /// <summary>A string of the help pages (orientation, requests, follow-up).</summary>
    public static string Portal(string key, string language) =>
        PortalStrings.GetString(key, CultureInfo.GetCultureInfo(language))
            ?? throw new InvalidOperationException($"No portal string '{key}'.");

    /// <summary>A text of the public content pages (privacy, about, what bullying is).</summary>
    public static string Content(string key, string language) =>
        ContentStrings.GetString(key, CultureInfo.GetCultureInfo(language))
            ?? throw new InvalidOperationException($"No content string '{key}'.");

    /// <summary>A string of the professionals' space.</summary>
    public static string ProSpace(string key, string language) =>
        ProSpaceStrings.GetString(key, CultureInfo.GetCultureInfo(language))
            ?? throw new InvalidOperationException($"No professionals' space string '{key}'.");

    /// <summary>A string of the situations' pages, formatted as the page formats it.</summary>
    public static string Situation(string key, string language, params object[] arguments)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var format = SituationStrings.GetString(key, culture) ?? throw new InvalidOperationException($"No situations string '{key}'.");
        return arguments.Length == 0 ? format : string.Format(culture, format, arguments);
    }

    public static string Intervention(string key, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        return InterventionStrings.GetString(key, culture) ?? throw new InvalidOperationException($"No interventions string '{key}'.");
    }

    public static string Tool(string key, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        return ToolStrings.GetString(key, culture) ?? throw new InvalidOperationException($"No tools string '{key}'.");
    }
}
