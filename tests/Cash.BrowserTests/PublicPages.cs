namespace Cash.BrowserTests;

/// <summary>The public portal's pages and languages, as test data.</summary>
public static class PublicPages
{
    public const string MissingPath = "/cette-page-nexiste-pas";

    /// <summary>Every public page: a name for artefacts, and its path.</summary>
    public static readonly IReadOnlyList<(string Name, string Path)> All =
    [
        ("home", "/"),
        ("harcelement", "/harcelement"),
        ("services", "/services"),
        ("service-le-declic", "/services/le-declic"),
        ("service-cpms-libre-mouscron-1", "/services/cpms-libre-mouscron-1"),
        ("a-propos", "/a-propos"),
        ("vie-privee", "/vie-privee"),
        ("accessibilite", "/accessibilite"),
    ];

    /// <summary>The cultures the site offers, with the <c>lang</c> each page must then carry.</summary>
    public static readonly IReadOnlyList<(string Culture, string Language)> Cultures =
    [
        ("fr-BE", "fr"),
        ("nl-BE", "nl"),
        ("en", "en"),
    ];

    public static TheoryData<string> Paths => [.. All.Select(p => p.Path)];

    public static TheoryData<string> CultureNames => [.. Cultures.Select(c => c.Culture)];

    public static TheoryData<string, string> PathsInEveryCulture =>
        [.. All.SelectMany(p => Cultures.Select(c => (p.Path, c.Culture)))];

    public static string LanguageOf(string culture) => Cultures.Single(c => c.Culture == culture).Language;

    /// <summary>A path with the explicit language choice the language switch makes.</summary>
    public static string InCulture(string path, string culture) => $"{path}?culture={culture}";
}
