using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Directory;

/// <summary>One of the CASH network's partner services, as published in the public directory.</summary>
public sealed class PartnerService : IAuditedRecord, ITimestamped, IPublicContent
{
    public const string DefaultLanguage = "fr";

    private PartnerService()
    {
    }

    public PartnerService(string slug, ServiceKind kind, string phone, string email)
    {
        Slug = slug;
        Kind = kind;
        Phone = phone;
        Email = email;
    }

    public int Id { get; private set; }

    /// <summary>The stable public identifier used in URLs (<c>/services/{slug}</c>) and by the seed.</summary>
    public string Slug { get; private set; } = "";

    public ServiceKind Kind { get; private set; }

    /// <summary>The phone number as the service writes it (Belgian notation, e.g. <c>056/39 16 20</c>).</summary>
    public string Phone { get; set; } = "";

    public string Email { get; set; } = "";

    public Capability Capabilities { get; set; }

    public Audience Audiences { get; set; }

    /// <summary>True when the service acts towards others (school, class, police) only if the young person wishes it.</summary>
    public bool ActsOnlyWithAgreement { get; set; }

    public int SortOrder { get; set; }

    public bool IsPublished { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<PartnerServiceText> Texts { get; private set; } = [];

    string IAuditedRecord.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    string IPublicContent.PublicContentKind => PublicContentKinds.Directory;

    /// <summary>The <c>tel:</c> URI in international form, e.g. <c>tel:+3256391620</c>.</summary>
    public string PhoneUri => ToPhoneUri(Phone);

    /// <summary>The texts in the given two-letter language, falling back to French, which every service has.</summary>
    public PartnerServiceText TextFor(string language) =>
        Texts.FirstOrDefault(t => t.Language == language)
        ?? Texts.FirstOrDefault(t => t.Language == DefaultLanguage)
        ?? throw new InvalidOperationException($"Partner service '{Slug}' has no French text.");

    public void SetText(PartnerServiceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var existing = Texts.FindIndex(t => t.Language == text.Language);
        if (existing >= 0)
        {
            Texts[existing] = text;
        }
        else
        {
            Texts.Add(text);
        }
    }

    public static string ToPhoneUri(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return phone.TrimStart().StartsWith('+') ? $"tel:+{digits}"
            : digits.StartsWith('0') ? $"tel:+32{digits[1..]}"
            : $"tel:{digits}";
    }
}

/// <summary>What a partner service says about itself, in one language.</summary>
public sealed class PartnerServiceText : IPublicContent
{
    public int PartnerServiceId { get; set; }

    /// <summary>Two-letter language: <c>fr</c>, <c>nl</c> or <c>en</c>.</summary>
    public string Language { get; set; } = PartnerService.DefaultLanguage;

    public string Name { get; set; } = "";

    /// <summary>What the service can do, in the leaflet's words.</summary>
    public string WhatWeCanDo { get; set; } = "";

    public string ForWhom { get; set; } = "";

    /// <summary>When the service acts, e.g. "only if the young person wishes".</summary>
    public string Conditions { get; set; } = "";

    /// <summary>What stays between the young person and the service, and who else could be told.</summary>
    public string Confidentiality { get; set; } = "";

    string IPublicContent.PublicContentKind => PublicContentKinds.Directory;
}

public enum ServiceKind
{
    PmsCentre = 1,
    SchoolMediation = 2,
    FamilyPlanning = 3,
    YouthAid = 4,
    EqualOpportunities = 5,
    PolicePsychoSocial = 6,
}

[Flags]
public enum Capability
{
    None = 0,
    Listening = 1 << 0,
    IndividualSupport = 1 << 1,
    ClassIntervention = 1 << 2,
    PsychologicalSupport = 1 << 3,
    LegalAdvice = 1 << 4,
    Workshops = 1 << 5,
    AccompanimentInProcedures = 1 << 6,
    PreventionActions = 1 << 7,
    ComplaintInformation = 1 << 8,
    LawInformation = 1 << 9,
    ConcreteSolutions = 1 << 10,
}

[Flags]
public enum Audience
{
    None = 0,
    YoungPeople = 1 << 0,
    Parents = 1 << 1,
    SchoolStaff = 1 << 2,
    Classes = 1 << 3,
}
