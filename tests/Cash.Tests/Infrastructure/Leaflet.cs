using System.Text.RegularExpressions;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// The network's leaflet, the source of truth for the directory. The ten services are written out
/// here by hand, exactly as printed, so that a test compares the app with the paper and not with
/// the app's own seed file.
/// </summary>
public static partial class Leaflet
{
    /// <summary>A copy of the printed leaflet's text, kept beside the tests.</summary>
    public const string TextFile = "tests/Cash.Tests/Leaflet/cash-brochure.txt";

    public static readonly IReadOnlyList<ListedService> Services =
    [
        new("cpms-libre-mouscron-1", "CPMS Libre Mouscron 1", "056/39 16 20", "tel:+3256391620", "cpms.libre.mouscron@skynet.be"),
        new("cpms-libre-mouscron-2", "CPMS Libre Mouscron 2", "056/39 16 01", "tel:+3256391601", "cpms.libre2.mouscron@gmail.com"),
        new("cpms-provincial-icet", "CPMS Provincial (ICET)", "056/48 18 90", "tel:+3256481890", "cpms.mouscron@hainaut.be"),
        new("cpms-wbe-artem", "CPMS Enseignement Wallonie Bruxelles (Artem)", "056/33 32 27", "tel:+3256333227", "dir.cpmscf.tournai@sec.cfwb.be"),
        new("cpms-specialise-tremplin", "CPMS Spécialisé (Tremplin)", "056/34 70 06", "tel:+3256347006", "cpmssmouscron@skynet.be"),
        new("mediation-scolaire", "Service de Médiation Scolaire Wallonie", "0474/81 08 91", "tel:+32474810891", "christophe.bourgois@cfwb.be"),
        new("la-passerelle", "La Passerelle", "056/34 60 83", "tel:+3256346083", "lapasserellemouscron@gmail.com"),
        new("le-declic", "Le Déclic", "0470/62 24 38", "tel:+32470622438", "amo.ledeclic@skynet.be"),
        new("egalite-des-chances", "Pôle Egalité des Chances", "056/86 03 09", "tel:+3256860309", "egalite@mouscron.be"),
        new("police-pole-psycho-social", "Pôle Psycho-Social de la Police", "056/86 31 43", "tel:+3256863143", "inp.delbecque@gmail.com"),
    ];

    public static IEnumerable<string> Slugs => Services.Select(s => s.Slug);

    /// <summary>The leaflet's text on one line: words cut at a line end joined again, all whitespace single spaces.</summary>
    public static string NormalisedText() => Normalise(File.ReadAllText(SourceTree.PathOf(TextFile)));

    public static string Normalise(string text) =>
        Whitespace().Replace(LineEndHyphen().Replace(text, "$1$2"), " ").Trim();

    [GeneratedRegex(@"(\p{L})-[ \t]*\r?\n\s*(\p{L})")]
    private static partial Regex LineEndHyphen();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>A service as the leaflet lists it; the slug is the app's public identifier for it.</summary>
public sealed record ListedService(string Slug, string Name, string Phone, string PhoneUri, string Email);
