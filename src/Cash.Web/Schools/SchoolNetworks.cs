using System.Globalization;
using System.Text;
using Cash.Web.Domain.Schools;

namespace Cash.Web.Schools;

/// <summary>The school networks as people write them, in the form and in an imported file.</summary>
public static class SchoolNetworks
{
    /// <summary>In the order the form offers them.</summary>
    public static IReadOnlyList<SchoolNetwork> All { get; } = Enum.GetValues<SchoolNetwork>();

    // Spreadsheets come from people who write "Spécialisé", "SPECIALISE" or "Provinciale": the
    // words are compared without case or accents, and the feminine forms are accepted too.
    private static readonly Dictionary<string, SchoolNetwork> Words = new(StringComparer.Ordinal)
    {
        ["libre"] = SchoolNetwork.Libre,
        ["provincial"] = SchoolNetwork.Provincial,
        ["provinciale"] = SchoolNetwork.Provincial,
        ["wbe"] = SchoolNetwork.Wbe,
        ["wallonie-bruxelles enseignement"] = SchoolNetwork.Wbe,
        ["communal"] = SchoolNetwork.Communal,
        ["communale"] = SchoolNetwork.Communal,
        ["specialise"] = SchoolNetwork.Specialised,
        ["specialisee"] = SchoolNetwork.Specialised,
        ["specialised"] = SchoolNetwork.Specialised,
    };

    /// <summary>The resource key of a network's name in words.</summary>
    public static string LabelKey(SchoolNetwork network) => $"Schools.Network.{network}";

    public static bool TryParseWord(string? text, out SchoolNetwork network) =>
        Words.TryGetValue(Fold(text), out network);

    /// <summary>Trimmed, lower case, without accents, inner spaces collapsed: the form two spellings are compared in.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var isSpace = char.IsWhiteSpace(c);
            if (!(isSpace && lastWasSpace))
            {
                folded.Append(isSpace ? ' ' : char.ToLowerInvariant(c));
            }

            lastWasSpace = isSpace;
        }

        return folded.ToString();
    }
}
