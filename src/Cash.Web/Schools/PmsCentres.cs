using Cash.Web.Domain.Directory;
using Cash.Web.PartnerServices;

namespace Cash.Web.Schools;

/// <summary>
/// The partner services a school can name as its PMS centre. Chosen by kind
/// (<see cref="ServiceKind.PmsCentre"/>), not by a slug prefix: the kind is what the directory
/// says a service is, and a new centre added with another slug is still offered.
/// </summary>
public static class PmsCentres
{
    public sealed record Centre(int Id, string Slug, string Name, string FrenchName, bool IsPmsCentre);

    /// <summary>
    /// Every service with its name in <paramref name="language"/> and in French (what a file may
    /// name it by); PMS centres first. Other kinds are listed so a file naming one gets a precise
    /// message rather than "unknown".
    /// </summary>
    public static IReadOnlyList<Centre> Of(PartnerDirectory directory, string language)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return [.. directory.Services
            .OrderBy(s => s.Kind != ServiceKind.PmsCentre)
            .Select(s => new Centre(
                s.Id,
                s.Slug,
                directory.NameOf(s.Id, language)!,
                directory.NameOf(s.Id, PartnerService.DefaultLanguage)!,
                s.Kind == ServiceKind.PmsCentre))];
    }

    public static string? NameOf(this IReadOnlyList<Centre> centres, int? id) =>
        id is null ? null : centres.FirstOrDefault(c => c.Id == id)?.Name;
}
