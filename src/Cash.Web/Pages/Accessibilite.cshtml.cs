using Cash.Web.Domain.Directory;

namespace Cash.Web.Pages;

public sealed class AccessibiliteModel : PublicPageModel
{
    /// <summary>The Pôle Egalité des Chances of the City answers accessibility reports (leaflet contacts).</summary>
    public const string ContactEmail = "egalite@mouscron.be";

    public const string ContactPhone = "056/86 03 09";

    public static DateOnly PreparedOn { get; } = new(2026, 11, 26);

    /// <summary>Move this forward at each review, even when nothing else in the statement changes.</summary>
    public static DateOnly LastReviewedOn { get; } = new(2026, 11, 26);

    public static string ContactPhoneUri => PartnerService.ToPhoneUri(ContactPhone);
}
