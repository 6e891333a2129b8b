using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Situations;

/// <summary>The words the referral pages use for a consent and for the services they name.</summary>
public static class ReferralWords
{
    /// <summary>
    /// The police's psycho-social unit, found by its slug in the directory (<c>Data/Seed/directory.json</c>):
    /// before a referral to it the page says that the police may have to write a report once they know of an offence.
    /// </summary>
    public const string PolicePsychoSocialSlug = "police-pole-psycho-social";

    public static bool IsPolice(PartnerService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Slug == PolicePsychoSocialSlug;
    }

    /// <summary>What a consent allows, in words: "Rejoindre la situation, Contacter l'école".</summary>
    public static string Scope(IStringLocalizer<SituationTexts> text, ConsentScope scope)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(", ", StrictEnums.Each(scope).Select(s => text[$"ConsentScope.{s}"].Value));
    }
}
