using PdfSharp.Fonts;

namespace Cash.Web.Publications;

/// <summary>
/// The one typeface of the printed resources, DejaVu Sans (regular and bold), shipped with the
/// application (<c>Publications/Fonts</c>, with its licence) and embedded in every PDF, so that a file
/// looks the same everywhere and its text can be selected and searched. Whatever family PDFsharp asks
/// for, it gets DejaVu Sans.
/// </summary>
public sealed class PrintFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();

    private static readonly Lazy<byte[]> RegularFace = new(() => Read(Regular));
    private static readonly Lazy<byte[]> BoldFace = new(() => Read(Bold));

    private static readonly PrintFonts Instance = new();

    private PrintFonts()
    {
    }

    /// <summary>Tells PDFsharp (a process-wide setting) to take its fonts from here; the same instance every time, as PDFsharp requires.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        Regular => RegularFace.Value,
        Bold => BoldFace.Value,
        _ => null,
    };

    private static byte[] Read(string face)
    {
        using var stream = typeof(PrintFonts).Assembly.GetManifestResourceStream($"Cash.Web.Publications.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face} is not embedded in the application.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
