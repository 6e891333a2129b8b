using Cash.Web.Domain.Procedures;
using Cash.Web.Domain.Publications;

namespace Cash.Web.Publications;

/// <summary>The four supports the network prints, each with its public page (<c>/ressources/{slug}</c>) and paper formats.</summary>
public enum PrintedResource
{
    SchoolProcedure = 0,
    ParentsProcedure = 1,
    Poster = 2,
    ClassDiarySheet = 3,
}

/// <summary>
/// An ISO 216 sheet in PDF points (1 pt = 1/72 inch): millimetres × 72 / 25.4, rounded to the
/// nearest hundredth of a point (A4 = 210 × 297 mm = 595.28 × 841.89 pt).
/// </summary>
public sealed record PaperFormat(string Name, double WidthMm, double HeightMm)
{
    public static readonly PaperFormat A3 = new("A3", 297, 420);
    public static readonly PaperFormat A4 = new("A4", 210, 297);
    public static readonly PaperFormat A5 = new("A5", 148, 210);
    public static readonly PaperFormat A6 = new("A6", 105, 148);

    public double WidthPt => ToPoints(WidthMm);

    public double HeightPt => ToPoints(HeightMm);

    /// <summary>The lower-case name used in addresses (<c>a4</c>).</summary>
    public string Slug => Name.ToLowerInvariant();

    public static double ToPoints(double millimetres) => Math.Round(millimetres * 72 / 25.4, 2, MidpointRounding.AwayFromZero);
}

public static class PrintedResources
{
    public static IReadOnlyList<PrintedResource> All { get; } =
        [PrintedResource.SchoolProcedure, PrintedResource.ParentsProcedure, PrintedResource.Poster, PrintedResource.ClassDiarySheet];

    /// <summary>The page's last segment: <c>/ressources/{slug}</c>.</summary>
    public static string Slug(this PrintedResource resource) => resource switch
    {
        PrintedResource.SchoolProcedure => "procedure-ecole",
        PrintedResource.ParentsProcedure => "procedure-parents",
        PrintedResource.Poster => "affiche",
        PrintedResource.ClassDiarySheet => "fiche-journal-de-classe",
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    public static string PagePath(this PrintedResource resource) => $"/ressources/{resource.Slug()}";

    public static PrintedResource? FromSlug(string? slug) => All.Where(r => r.Slug() == slug).Select(r => (PrintedResource?)r).FirstOrDefault();

    /// <summary>The formats the resource is printed in: A4 for the procedures, A4 and A3 for the poster, A5 and A6 for the class-diary sheet.</summary>
    public static IReadOnlyList<PaperFormat> Formats(this PrintedResource resource) => resource switch
    {
        PrintedResource.Poster => [PaperFormat.A4, PaperFormat.A3],
        PrintedResource.ClassDiarySheet => [PaperFormat.A5, PaperFormat.A6],
        _ => [PaperFormat.A4],
    };

    public static PaperFormat? FormatOf(this PrintedResource resource, string? slug) =>
        resource.Formats().FirstOrDefault(f => string.Equals(f.Slug, slug, StringComparison.Ordinal));

    public static ProcedureAudience? Audience(this PrintedResource resource) => resource switch
    {
        PrintedResource.SchoolProcedure => ProcedureAudience.SchoolDirection,
        PrintedResource.ParentsProcedure => ProcedureAudience.Parents,
        _ => null,
    };

    public static PublicationKind? Kind(this PrintedResource resource) => resource switch
    {
        PrintedResource.Poster => PublicationKind.Poster,
        PrintedResource.ClassDiarySheet => PublicationKind.ClassDiarySheet,
        _ => null,
    };
}
