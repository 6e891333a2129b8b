using System.Security.Cryptography;

namespace Cash.Web.Situations;

/// <summary>
/// References that reveal nothing, <c>S-7KQ2-9F</c>: random, without sequence, date or name, in an
/// alphabet without look-alike characters (no 0/O, 1/I/L) so they can be read out over the phone.
/// 32^6 (about a billion) references; the unique index refuses the rare collision and the caller
/// draws again.
/// </summary>
public static class SituationReferences
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"S-{chars[..4]}-{chars[4..]}";
    }

    /// <summary>Whether a text has the shape of a reference (for a search box), ignoring case and spaces.</summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var upper = text.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        return upper.Length == 9 && upper.StartsWith("S-", StringComparison.Ordinal) && upper[6] == '-'
            && upper[2..6].All(Alphabet.Contains) && upper[7..].All(Alphabet.Contains)
            ? upper
            : null;
    }
}
