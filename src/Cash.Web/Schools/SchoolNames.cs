namespace Cash.Web.Schools;

/// <summary>
/// When two school names are the same school: trimmed and without regard to case, so "Athénée
/// royal" and "ATHÉNÉE ROYAL " are one school (accents still count: they change the name).
/// </summary>
public static class SchoolNames
{
    public static StringComparer Comparer { get; } = StringComparer.OrdinalIgnoreCase;

    public const int MaxNameLength = 200;

    public const int MaxAddressLength = 300;

    public static string Key(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static bool Same(string a, string b) => Comparer.Equals(Key(a), Key(b));
}
