using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Help;

namespace Cash.Web.Domain.Orientation;

/// <summary>
/// One rule of the orientation assistant, as data the coordinator edits: when the answers match
/// (who, what is happening, what would help), recommend a service, with a weight and a reason
/// shown to the person ("why this service"). Empty conditions match everything.
/// </summary>
public sealed class OrientationRule : IAuditedRecord, IPublicContent
{
    private OrientationRule()
    {
    }

    public OrientationRule(int partnerServiceId, int weight)
    {
        PartnerServiceId = partnerServiceId;
        Weight = weight;
    }

    public int Id { get; private set; }

    public int PartnerServiceId { get; set; }

    /// <summary>Who it is for; empty = everyone.</summary>
    public List<SenderRole> ForRoles { get; set; } = [];

    /// <summary>Matches when at least one of these forms is happening; None = any.</summary>
    public BullyingForm WhenForms { get; set; }

    /// <summary>Matches when at least one of these is wished; None = any.</summary>
    public HelpWish WhenWishes { get; set; }

    /// <summary>Only when it happens online (cyberbullying) — or null for either.</summary>
    public bool? WhenOnline { get; set; }

    /// <summary>How strongly the service is recommended; the highest total comes first.</summary>
    public int Weight { get; set; }

    /// <summary>Why this service, in the person's words, per language (fr, nl, en).</summary>
    public string ReasonFr { get; set; } = "";

    public string ReasonNl { get; set; } = "";

    public string ReasonEn { get; set; } = "";

    public bool IsActive { get; set; } = true;

    string IAuditedRecord.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    string IPublicContent.PublicContentKind => PublicContentKinds.OrientationRules;

    public bool Matches(SenderRole role, BullyingForm forms, bool online, HelpWish wishes) =>
        IsActive
        && (ForRoles.Count == 0 || ForRoles.Contains(role))
        && (WhenForms == BullyingForm.None || (WhenForms & forms) != 0)
        && (WhenWishes == HelpWish.None || (WhenWishes & wishes) != 0)
        && (WhenOnline is null || WhenOnline == online);

    public string ReasonIn(string language) => language switch
    {
        "nl" when ReasonNl.Length > 0 => ReasonNl,
        "en" when ReasonEn.Length > 0 => ReasonEn,
        _ => ReasonFr,
    };
}
